"""Smoke test of an installed diffnb (run by CI with the wheel installed in a fresh venv, outside the checkout).

Usage: python tools/smoke_test.py [WHEEL]
Checks that diffnb imports from site-packages, that its version matches the installed metadata (and the wheel's
file name, if given), builds a schedule, runs a few sampling steps of an untrained model, and runs the console
scripts' --help, reads back rendered shapes, and checks the error of the frozen text encoder without its extra.
"""
import subprocess, sys
from importlib.metadata import version
from pathlib import Path

import torch
import diffnb
from diffnb.schedule import linear_schedule, cosine_schedule
from diffnb.unet import make_model
from diffnb.sampling import sample
from diffnb.guidance import cfg_model

where = Path(diffnb.__file__).resolve()
assert 'site-packages' in where.parts, f"diffnb imported from {where}, not from an installed package"
assert diffnb.__version__ == version('diffnb'), (diffnb.__version__, version('diffnb'))
if len(sys.argv) > 1:
    wheel_version = Path(sys.argv[1]).name.split('-')[1]
    assert wheel_version == diffnb.__version__, (wheel_version, diffnb.__version__)
sched = linear_schedule()
assert abs(sched.abar[-1].item() - torch.prod(1 - sched.beta).item()) < 1e-12 and sched.abar.dtype == torch.float64
cos = cosine_schedule(T=100)
assert (cos.abar[1:] < cos.abar[:-1]).all() and 0 < cos.abar[-1] < cos.abar[0] < 1
net = make_model('tiny', (1, 8, 8), 1000).eval()
x = sample(net, (4, 1, 8, 8), sched, steps=3, generator=torch.Generator().manual_seed(0), progress=False)
assert x.shape == (4, 1, 8, 8) and torch.isfinite(x).all()
cnet = make_model('tiny', (1, 8, 8), 1000, conds={'label': {'kind': 'label', 'num_classes': 10}}).eval()
xc = sample(cfg_model(cnet, 3.), (4, 1, 8, 8), sched, steps=3, cond=torch.arange(4), progress=False)
assert xc.shape == (4, 1, 8, 8) and torch.isfinite(xc).all()
import tempfile
from diffnb.pipeline import ClassPipeline, TrainedNet, load_pipeline
with tempfile.TemporaryDirectory() as d:                # a pipeline folder written and read back by the installed package
    pipe = ClassPipeline(unet=TrainedNet(cnet, dict(T=1000, shape=[1, 8, 8])))
    back = load_pipeline(pipe.save(Path(d) / 'pipe'))
    assert type(back) is ClassPipeline and back.unet.id == pipe.unet.id
    assert torch.equal(back([1, 2], n=2, steps=3, progress=False, output='tensor'), pipe([1, 2], n=2, steps=3, progress=False, output='tensor'))
from diffnb.shapes import captioned_shapes, read_shapes
ds = captioned_shapes(50, 'valid')
assert (read_shapes(ds.images) == ds.attrs).all(), "the reader misread rendered shapes"
from diffnb.text import MiniLMEncoder
try: MiniLMEncoder()
except ImportError as e: text_extra = f"without the text extra: {e}"; assert 'pip install "diffnb[text]"' in str(e), e
else: text_extra = "with the text extra"
for cmd in ('diffnb-train', 'diffnb-sample', 'diffnb-demo'):
    exe = Path(sys.executable).parent / cmd          # this environment's script, not one elsewhere on PATH
    assert exe.exists(), f"{cmd} is not installed next to {sys.executable}"
    out = subprocess.run([str(exe), '--help'], capture_output=True, text=True)
    assert out.returncode == 0 and 'usage' in out.stdout.lower(), (cmd, out.returncode, out.stderr[-500:])
print(f"diffnb {diffnb.__version__} from {where.parent}: schedule {sched}, 3 DDIM steps of an untrained "
      f"{type(net).__name__} -> {tuple(x.shape)} (and with classifier-free guidance), a pipeline folder round trip, 50 shapes read back, console scripts answer --help; "
      f"{text_extra}")
