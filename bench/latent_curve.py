"""The reader's all-correct rate against training budget for the three ways to 32x32 text-to-image of
`61a_latent_experiments`: the direct 32x32 pixel model, the 16 -> 32 cascade and the latent model, each trained by
`diffnb-train` (through `train_once`) for a list of epoch counts, in priority order, until a time budget is spent.

    python bench/latent_curve.py --out OUT [--budget 400] [--autoencoder PATH]
    DIFFNB_RUNS=~/.cache/diffnb/runs python bench/latent_curve.py --out bench/results/cpu --budget 1e9 \
        --autoencoder ~/.cache/diffnb/runs/ae-l2-kl1e-6/autoencoder.pth --plan latent:1,latent:2,latent:4,latent:6,cascade:2+2,cascade:6+5,pixel32:1,pixel32:2

Runs are kept under $DIFFNB_RUNS (default OUT/runs) by the names `61a_latent_experiments` gives them, so with that
notebook's runs present its default-epoch points (latent:6, cascade:6+5, pixel32:1) are only scored.

Each finished run appends one JSON line to OUT/curve.jsonl: the system, its epochs and steps, the training seconds of
each stage on this machine, the device, and the reader's and the second judge's all-correct rate on one sample of each
of 200 captions of the training and held-out-combination splits (guidance 3, 50 DDIM steps). A run that would not fit
in what is left of the budget (judged from the seconds per step measured so far) is skipped and said so.
"""
import argparse, json, os, time
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument('--out', required=True)
p.add_argument('--budget', type=float, default=400., help='seconds for all the runs together')
p.add_argument('--autoencoder', default=None, help='a trained autoencoder.pth (default: train one, 4 epochs, KL 1e-6)')
p.add_argument('--plan', default='pixel32:2,pixel32:4,cascade:2+2,latent:1,latent:2,pixel32:6,cascade:4+3,latent:6',
               help='system:epochs[@seed] (cascade: base+superres epochs), in priority order')
p.add_argument('--n-train', type=int, default=None, help='training images (default: the shapes task\'s 20,000; small for a smoke test)')
p.add_argument('--n-score', type=int, default=200, help='captions per split scored')
a = p.parse_args()
out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
os.environ.setdefault('DIFFNB_RUNS', str(out / 'runs'))

import torch
from diffnb.cli import train_once
from diffnb.pipeline import load_pipeline
from diffnb.shapes import captioned_shapes
from diffnb.judge import two_readers

t_start = time.time()
left = lambda: a.budget - (time.time() - t_start)
per_step = {}                                                       # measured seconds per training step, by stage

def score(pipe, split, n=a.n_score, guidance=3., seed=0):
    pr = captioned_shapes(n, split, seed=seed + 11, res=32)
    t0 = time.time(); x = pipe(pr.captions, n=1, guidance=guidance, seed=seed, progress=False, output='tensor'); dt = time.time() - t0
    r = two_readers(x.float().cpu(), pr.attrs)
    return dict(reader=r['reader_all_correct'], judge=r['judge_all_correct'], agree=r['readers_agree'], img_s=n / dt)

def stage(key, name, steps, **opts):
    "train_once, unless the seconds per step measured so far (per kind of network `key`) say it would not fit"
    steps = steps if a.n_train is None else steps * a.n_train // 19968
    est = steps * per_step.get(key, 0.)
    if est > left(): raise TimeoutError(f"{name}: about {est:.0f} s, {left():.0f} s left")
    if a.n_train is not None: opts['n_train'] = a.n_train
    t0 = time.time(); m, d = train_once(name, **opts); wall = time.time() - t0
    per_step[key] = m['train_seconds'] / m['steps']
    return m, d, wall

ae_path, ae_secs = a.autoencoder, None
if ae_path and (Path(ae_path).parent / 'metrics.json').exists():         # the autoencoder's own training time counts
    ae_secs = json.loads((Path(ae_path).parent / 'metrics.json').read_text())['train_seconds']
def autoencoder():
    global ae_path, ae_secs
    if ae_path is None:
        m, d, _ = stage('ae', 'ae-l2-kl1e-6', 1248, data='shapes', size=32, latent_channels=4, kl=1e-6)
        ae_path, ae_secs = str(d / 'autoencoder.pth'), m['train_seconds']
    return ae_path

log = open(out / 'curve.jsonl', 'a')
for item in a.plan.split(','):
    system, ep = item.split(':')
    ep, seed = (ep.split('@') + ['0'])[:2]                              # epochs@seed: another seed of the same run
    sfx, sopt = ('', {}) if seed == '0' else (f'-seed{seed}', dict(seed=int(seed)))
    try:
        if system == 'pixel32':
            m, d, wall = stage('pixel32', f'pixel32-{ep}epoch{sfx}', 312 * int(ep), data='shapes', text='learned', size=32, epochs=int(ep), **sopt)
            pipe, secs, steps = load_pipeline(d / 'checkpoint.pth'), dict(pixel32=m['train_seconds']), m['steps']
        elif system == 'latent':
            ae = autoencoder()
            name, eps = ('ldm-l2-kl1e-6', {}) if (ep, sfx) == ('6', '') else (f'ldm-l2-kl1e-6-{ep}epoch{sfx}', dict(epochs=int(ep)))   # 6: the default, 61a's run
            m, d, wall = stage('latent', name, 312 * int(ep), data='shapes', text='learned', autoencoder=ae, **eps, **sopt)
            pipe, secs, steps = load_pipeline(d / 'pipeline'), dict(latent=m['train_seconds'], autoencoder=ae_secs), m['steps']
        elif system == 'cascade':
            eb, es = (int(e) for e in ep.split('+'))
            default = (eb, es, sfx) == (6, 5, '')                                 # the default epochs: 61a's own runs
            mb, db, _ = stage('base16', 'base-learned' if default else f'base-learned-{eb}epoch{sfx}', 312 * eb, data='shapes', text='learned',
                              **({} if default else dict(epochs=eb)), **sopt)
            ms, ds, _ = stage('sr32', 'sr-text-aug250' if default else f'sr-text-aug250-{eb}+{es}epoch{sfx}', 312 * es, data='shapes', upsample_from=16,
                              size=32, base=str(db / 'checkpoint.pth'), text='learned', noise_aug=250, n_samples=100, **({} if default else dict(epochs=es)), **sopt)
            pipe, secs, steps, m = load_pipeline(ds / 'cascade'), dict(base16=mb['train_seconds'], sr32=ms['train_seconds']), mb['steps'] + ms['steps'], mb
        else: raise ValueError(f"unknown system {system!r}")
    except TimeoutError as e:
        print(f"skipped {e}", flush=True); continue
    row = dict(system=system, epochs=ep, seed=int(seed), steps=steps, train_seconds=secs, device=m['device'],
               gpu=torch.cuda.get_device_name() if torch.cuda.is_available() else None,
               **{s: score(pipe, s) for s in ('train', 'combos')})
    log.write(json.dumps(row) + '\n'); log.flush()
    print(f"{system:8s} {ep:5s} {steps:5d} steps  training {sum(v for v in secs.values() if v):6.1f} s  "
          + '  '.join(f"{s} {row[s]['reader']:.1%} (judge {row[s]['judge']:.1%}, {row[s]['img_s']:.0f} img/s)" for s in ('train', 'combos'))
          + f"   [{left():.0f} s left]", flush=True)
