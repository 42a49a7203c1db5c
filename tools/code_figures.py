"""Size figures of the code, for closing notes: exported cells over 30 lines, cells holding four or more definitions,
the longest exported cell and function, and the parameters of `cli.train`.

    python tools/code_figures.py            # this checkout
    python tools/code_figures.py /path/to/another/checkout"""
import ast, glob, json, re, sys

def figures(root='.'):
    long_cells, many_defs, longest_cell = [], 0, (0, '')
    for p in sorted(glob.glob(f'{root}/nbs/*.ipynb')):
        for c in json.load(open(p))['cells']:
            s = ''.join(c['source'])
            if c['cell_type'] != 'code' or not re.match(r'#\|\s*export', s): continue
            n, name = len(s.splitlines()), p.split('/')[-1]
            if n > 30: long_cells.append((n, name))
            longest_cell = max(longest_cell, (n, name))
            try: tree = ast.parse('\n'.join(l for l in s.splitlines() if not l.startswith(('#|', '%'))))
            except SyntaxError: continue
            many_defs += sum(isinstance(x, (ast.FunctionDef, ast.ClassDef)) for x in tree.body) >= 4
    longest_fn = (0, '')
    for p in glob.glob(f'{root}/diffnb/*.py'):
        for n in ast.walk(ast.parse(open(p).read())):
            if isinstance(n, ast.FunctionDef): longest_fn = max(longest_fn, (n.end_lineno - n.lineno + 1, f"{p.split('/')[-1]}:{n.name}"))
    train = [n for n in ast.walk(ast.parse(open(f'{root}/diffnb/cli.py').read())) if isinstance(n, ast.FunctionDef) and n.name == 'train']
    return dict(cells_over_30=len(long_cells), cells_with_4_defs=many_defs, longest_cell=longest_cell, longest_function=longest_fn,
                train_parameters=len(train[0].args.args) if train else None, longest_cells=sorted(long_cells, reverse=True)[:8])

if __name__ == '__main__':
    for k, v in figures(sys.argv[1] if len(sys.argv) > 1 else '.').items(): print(f"{k}: {v}")
