"""Training throughput of diffnb's Learner against diffusers' UNet2DModel in a plain loop, measured in the same run.

    python bench/train_throughput.py                       # CPU: the small 8x8 config of diffnb-train, batch 128
    python bench/train_throughput.py --config cifar --bf16 # GPU: the DDPM CIFAR-10 U-Net, 32x32x3, batch 128
    python bench/train_throughput.py --config cifar --bf16 --compile

Needs the bench extra (`pip install -e ".[bench]"`, which adds diffusers). Both sides run the same work per step:
draw t and noise, form x_t, predict eps, MSE loss, backward, one AdamW step (fused on CUDA). Images per second are
timed over `--steps` steps after `--warmup` steps, with the device synchronised only at the two ends.
"""
import argparse, time, warnings
import torch
import torch.nn.functional as F

CONFIGS = {  # diffnb UNet kwargs, diffusers UNet2DModel kwargs, image shape
    'small': (dict(in_ch=1, ch=32, ch_mult=(1, 2), num_res_blocks=2, attn_res=(4,), resolution=8, dropout=0.),
              dict(sample_size=8, in_channels=1, out_channels=1, layers_per_block=2, block_out_channels=(32, 64),
                   down_block_types=('DownBlock2D', 'AttnDownBlock2D'), up_block_types=('AttnUpBlock2D', 'UpBlock2D')),
              (1, 8, 8)),
    'cifar': (dict(in_ch=3, ch=128, ch_mult=(1, 2, 2, 2), num_res_blocks=2, attn_res=(16,), resolution=32, dropout=0.1),
              dict(sample_size=32, in_channels=3, out_channels=3, layers_per_block=2, block_out_channels=(128, 256, 256, 256),
                   down_block_types=('DownBlock2D', 'AttnDownBlock2D', 'DownBlock2D', 'DownBlock2D'),
                   up_block_types=('UpBlock2D', 'UpBlock2D', 'AttnUpBlock2D', 'UpBlock2D'), dropout=0.1),
              (3, 32, 32)),
}

def sync(device):
    if device.type == 'cuda': torch.cuda.synchronize()

def bench_diffnb(args, device):
    from diffnb.unet import UNet, n_params
    from diffnb.schedule import linear_schedule
    from diffnb.learner import diffusion_learner
    from diffnb.data import tensor_dls
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        from fastai.callback.core import Callback, CancelFitException
    ukw, _, shape = CONFIGS[args.config]
    n = args.batch * (args.warmup + args.steps)
    x = torch.rand(n, *shape, device=device) * 2 - 1
    dls = tensor_dls((x,), (x[:args.batch],), bs=args.batch, device=device)
    model = UNet(**ukw)
    times = {}
    class Timer(Callback):
        order = 100
        def before_batch(self):
            if self.training and self.iter == args.warmup: sync(device); times['start'] = time.perf_counter()
        def after_batch(self):
            if self.training and self.iter == args.warmup + args.steps - 1:
                sync(device); times['end'] = time.perf_counter(); raise CancelFitException()
    learn = diffusion_learner(dls, model, linear_schedule(), ema=None, lr=1e-4, bf16=args.bf16, compile=args.compile, cbs=[Timer()])
    with learn.no_bar(), learn.no_logging(): learn.fit(1)
    return n_params(model), args.batch * args.steps / (times['end'] - times['start'])

def bench_diffusers(args, device):
    from diffusers import UNet2DModel
    _, dkw, shape = CONFIGS[args.config]
    model = UNet2DModel(**dkw).to(device).train()
    step_model = torch.compile(model) if args.compile else model
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, fused=device.type == 'cuda')
    abar = torch.cumprod(1 - torch.linspace(1e-4, 0.02, 1000, device=device), 0)
    x0 = torch.rand(args.batch, *shape, device=device) * 2 - 1
    def step():
        t = torch.randint(0, 1000, (args.batch,), device=device)
        eps = torch.randn_like(x0)
        a = abar[t].view(-1, 1, 1, 1)
        xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.bf16):
            loss = F.mse_loss(step_model(xt, t).sample.float(), eps)
        loss.backward(); opt.step(); opt.zero_grad(set_to_none=True)
    for _ in range(args.warmup): step()
    sync(device); t0 = time.perf_counter()
    for _ in range(args.steps): step()
    sync(device)
    return sum(p.numel() for p in model.parameters()), args.batch * args.steps / (time.perf_counter() - t0)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--config', choices=CONFIGS, default='small')
    p.add_argument('--batch', type=int, default=128)
    p.add_argument('--steps', type=int, default=20)
    p.add_argument('--warmup', type=int, default=5)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--bf16', action='store_true')
    p.add_argument('--compile', action='store_true')
    p.add_argument('--repeats', type=int, default=2, help='alternate the two sides this many times; report the best of each')
    args = p.parse_args()
    device = torch.device(args.device)
    res = {'diffnb': [], 'diffusers': []}
    for _ in range(args.repeats):
        res['diffnb'].append(bench_diffnb(args, device)); res['diffusers'].append(bench_diffusers(args, device))
    name = torch.cuda.get_device_name(device) if device.type == 'cuda' else f'CPU, {torch.get_num_threads()} threads'
    print(f"{args.config} config, batch {args.batch}, {'bf16' if args.bf16 else 'fp32'}, {'compiled' if args.compile else 'eager'}, on {name}")
    best = {k: max(r[1] for r in v) for k, v in res.items()}
    for k, v in res.items(): print(f"  {k:10s} {v[0][0]:>12,} params  {best[k]:9.1f} img/s  (runs: {', '.join(f'{r[1]:.1f}' for r in v)})")
    print(f"  diffnb / diffusers = {best['diffnb'] / best['diffusers']:.2f}")
