"""Execute notebooks in place so that their stored outputs are fresh: what the documentation site shows.

    python tools/run_nbs.py nbs/05_sampling.ipynb            # every cell but `#| slow` and `#| cuda` ones
    python tools/run_nbs.py nbs/21_guidance_digits.ipynb --flags slow

Cells that are skipped keep the outputs they have, so a notebook's stored slow results survive a re-run of its
fast cells. A failing cell stops the run and leaves the file as it was. Run `nbdev-clean` afterwards."""
import argparse, re, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient
from directives import flags as cell_flags



def run(path:Path, flags:set, timeout:int=1800):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name='python3', resources={'metadata': {'path': str(path.parent)}})
    t0 = time.time()
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != 'code': continue
            f = cell_flags(cell.source)
            if 'noeval' in f or ({'slow', 'cuda'} & f) - flags: continue
            t1 = time.time()
            client.execute_cell(cell, i)
            if time.time() - t1 > 5: print(f"  cell {i}: {time.time() - t1:.0f} s", flush=True)
    nbformat.write(nb, path)
    print(f"{path}: {time.time() - t0:.0f} s", flush=True)


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+', type=Path)
    p.add_argument('--flags', nargs='*', default=[], help='also run cells with these flags (slow, cuda)')
    p.add_argument('--timeout', type=int, default=1800, help='seconds one cell may run')
    a = p.parse_args()
    for nbp in a.notebooks:
        try: run(nbp, set(a.flags), a.timeout)
        except Exception as e:
            msg = re.sub(r"\x1b\[[0-9;]*m", "", str(e))
            print(f"{nbp}: {type(e).__name__}: {msg[:1500]}\n...\n{msg[-800:]}", file=sys.stderr); sys.exit(1)
