"""Sampling throughput of diffnb's DDIM sampler against diffusers' DDIMScheduler driving its UNet2DModel, in one run.

    python bench/sample_throughput.py                        # CPU: the small 8x8 config of diffnb-train, 64 images
    python bench/sample_throughput.py --config cifar --bf16 --batch 256   # GPU: the DDPM CIFAR-10 U-Net, 32x32x3

Needs the bench extra (`pip install -e ".[bench]"`, which adds diffusers). Both sides draw `--batch` images with the same
number of DDIM steps (eta 0, linear betas, T = 1000) from untrained networks of the same configuration as
`train_throughput.py` (the work per step does not depend on the weights). Images per second are timed over whole
batches after one warm-up batch, with the device synchronised at the ends; the best of `--repeats` alternating runs.
"""
import argparse, time
import torch
from train_throughput import CONFIGS, sync

def bench_diffnb(args, device):
    from diffnb.unet import UNet
    from diffnb.schedule import linear_schedule
    from diffnb.sampling import sample
    ukw, _, shape = CONFIGS[args.config]
    model = UNet(**ukw).to(device).eval()
    sched = linear_schedule()
    def draw():
        with torch.no_grad(), torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.bf16):
            return sample(model, (args.batch, *shape), sched, steps=args.steps, progress=False, device=device)
    draw(); sync(device); t0 = time.perf_counter(); draw(); sync(device)
    return args.batch / (time.perf_counter() - t0)

def bench_diffusers(args, device):
    from diffusers import UNet2DModel, DDIMScheduler
    _, dkw, shape = CONFIGS[args.config]
    model = UNet2DModel(**dkw).to(device).eval()
    sch = DDIMScheduler(num_train_timesteps=1000, beta_schedule='linear', clip_sample=False)
    def draw():
        sch.set_timesteps(args.steps)
        x = torch.randn(args.batch, *shape, device=device)
        with torch.no_grad(), torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.bf16):
            for t in sch.timesteps: x = sch.step(model(x, t).sample.float(), t, x).prev_sample
        return x
    draw(); sync(device); t0 = time.perf_counter(); draw(); sync(device)
    return args.batch / (time.perf_counter() - t0)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--config', choices=CONFIGS, default='small')
    p.add_argument('--batch', type=int, default=64)
    p.add_argument('--steps', type=int, default=50)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--bf16', action='store_true')
    p.add_argument('--repeats', type=int, default=2, help='alternate the two sides this many times; report the best of each')
    args = p.parse_args()
    device = torch.device(args.device)
    res = {'diffnb': [], 'diffusers': []}
    for _ in range(args.repeats):
        res['diffnb'].append(bench_diffnb(args, device)); res['diffusers'].append(bench_diffusers(args, device))
    name = torch.cuda.get_device_name(device) if device.type == 'cuda' else f'CPU, {torch.get_num_threads()} threads'
    print(f"{args.config} config, {args.batch} images, {args.steps} DDIM steps, {'bf16' if args.bf16 else 'fp32'}, on {name}")
    best = {k: max(v) for k, v in res.items()}
    for k, v in res.items(): print(f"  {k:10s} {best[k]:9.1f} img/s  (runs: {', '.join(f'{r:.1f}' for r in v)})")
    print(f"  diffnb / diffusers = {best['diffnb'] / best['diffusers']:.2f}")
