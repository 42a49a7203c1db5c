"""Write README.md from nbs/index.ipynb (nbdev's own `nbdev-readme` needs Quarto).

Usage: python tools/make_readme.py [--check]
With --check, write nothing and exit 1 if README.md differs from what index.ipynb gives.
"""
import json, re, sys
from pathlib import Path
from directives import directives

root = Path(__file__).resolve().parent.parent
nb_path, readme = root / 'nbs' / 'index.ipynb', root / 'README.md'
header = '<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n\n'

def fix_links(md):
    "Relative image and link targets in the notebook are relative to nbs/"
    return re.sub(r'(!?\[[^\]]*\]\()(?!https?:|/|#)([^)]+\))', r'\1nbs/\2', md)

def output_text(out):
    if out.get('output_type') == 'stream': return ''.join(out['text'])
    data = out.get('data', {})
    return ''.join(data.get('text/plain', '')) + ('\n' if data.get('text/plain') else '')

def render(nb):
    parts = []
    for cell in nb['cells']:
        src = ''.join(cell['source'])
        if cell['cell_type'] == 'markdown': parts.append(fix_links(src)); continue
        if cell['cell_type'] != 'code' or {'hide', 'export', 'exporti', 'exports', 'default_exp'} & set(directives(src)[0]): continue
        code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
        if code: parts.append(f'```python\n{code}\n```')
        text = ''.join(output_text(o) for o in cell.get('outputs', [])).rstrip()
        if text: parts.append(f'```\n{text}\n```')
    return header + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text = render(json.loads(nb_path.read_text(encoding='utf-8')))
    if '--check' in sys.argv[1:]:
        if not readme.exists() or readme.read_text(encoding='utf-8') != text:
            sys.exit('README.md is out of date with nbs/index.ipynb: run python tools/make_readme.py')
        print('README.md matches nbs/index.ipynb')
    else:
        readme.write_text(text, encoding='utf-8'); print(f'wrote {readme.relative_to(root)}')
