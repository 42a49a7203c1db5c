"""Build the documentation site offline: nbdev's notebook processing, then Sphinx + myst-nb, MathJax from npm.

Usage: python tools/build_docs.py [--check] [--no-warnings-as-errors]

  1. nbdev processes the notebooks into _proc/ (show_doc cells run, #| directives applied), as `nbdev-proc-nbs`
     does, but without its attempt to install Quarto (Quarto users run `nbdev-docs` instead, from nbs/_quarto.yml);
  2. each processed notebook becomes a page named like nbdev's (posterior.html, ...), in the numbered order;
  3. MathJax 3 is installed from npm (docs/package.json) and served from the site's own _static/mathjax;
  4. Sphinx builds _build/site with warnings as errors.
With --check, a headless Chromium then loads the home page and the posterior page from a local server and checks
that every equation was typeset by MathJax, no raw `$$` is left, every figure loads and nothing is fetched from
outside the site; it saves screenshots under _build/screenshots/.
"""
import argparse, json, os, re, shutil, subprocess, sys, time, warnings
from pathlib import Path
from directives import directives

root = Path(__file__).resolve().parent.parent
build = root / '_build'
src, site, shots, mj = build / 'docs-src', build / 'site', build / 'screenshots', build / 'mathjax'
DOC_HOST = 'https://diffnb.github.io/diffnb/'

def process_notebooks():
    "nbdev's processing of nbs/ into _proc/ (the Quarto install step of nbdev-proc-nbs left out)"
    os.chdir(root)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        from nbdev.quarto import refresh_quarto_yml
        from nbdev.serve import proc_nbs
        refresh_quarto_yml()
        return Path(proc_nbs(n_workers=0))

def _is_property(qualname:str):
    "Whether `Class.attr` names a property of a class in one of diffnb's modules (a patched table of `Schedule`, say)"
    import importlib, inspect, pkgutil, diffnb
    cls_name, _, attr = qualname.partition('.')
    for m in pkgutil.iter_modules(diffnb.__path__):
        cls = getattr(importlib.import_module(f'diffnb.{m.name}'), cls_name, None)
        if isinstance(cls, type): return isinstance(inspect.getattr_static(cls, attr, None), property)
    return False

def anchor(md):
    "Give a show_doc heading (### name) the anchor nbdev's links use (#name, lower case); properties read as such"
    md = re.sub(r'^\s*---\s*\n', '', md)          # nbdev's rule above each signature: the page's CSS draws one instead
    md = re.sub(r'^(#{2,4}) (\w+)\.(\w+)\n\n```python\ndef \3\(\):\n```',     # show_doc renders a property as `def name():`
                lambda m: f'{m.group(1)} {m.group(2)}.{m.group(3)}\n\n```python\n{m.group(2)}.{m.group(3)}  # a property\n```'
                if _is_property(f'{m.group(2)}.{m.group(3)}') else m.group(0), md, flags=re.M)
    return re.sub(r'^(#{2,4}) (\S+)$', lambda m: f'<a id="{m.group(2).lower()}"></a>\n\n{m.group(1)} {m.group(2)}', md, flags=re.M)

def page(nb, toctree=None):
    "A processed notebook as a myst-nb page: front matter as a title, directives as cell tags"
    import yaml
    cells, front = [], {}
    for i, c in enumerate(nb['cells']):
        s = ''.join(c['source'])
        c.setdefault('metadata', {}).pop('execution', None)     # nbdev's timing record is not valid nbformat
        c['id'] = f'c{i}'
        for k in set(c) - {'cell_type', 'id', 'metadata', 'source', 'outputs', 'execution_count', 'attachments'}: del c[k]   # nbdev's has_sd
        if c['cell_type'] == 'raw' and s.startswith('---'):
            front = yaml.safe_load(s.strip().strip('-')) or {}
            continue
        if c['cell_type'] == 'code':
            d, c['source'] = directives(s)
            tags = c.setdefault('metadata', {}).setdefault('tags', [])
            if d.get('echo') == 'false': tags.append('remove-input')
            if d.get('output') == 'false': tags.append('remove-output')
            if not c['source'].strip() and not c.get('outputs'): continue
            for o in c.get('outputs', []):
                md = o.get('data', {}).get('text/markdown')
                if md is not None: o['data']['text/markdown'] = anchor(''.join(md))
        cells.append(c)
    head = f"# {front.get('title', 'diffnb')}\n\n" + (f"{front['description']}\n" if front.get('description') else '')
    cells.insert(0, dict(cell_type='markdown', id='title', metadata={}, source=head))
    for i, (caption, names) in enumerate(toctree or []):    # one toctree per part: the sidebar's groups
        cells.append(dict(cell_type='markdown', id=f'toc{i}', metadata={},
                          source=f'```{{toctree}}\n:hidden:\n:maxdepth: 1\n:caption: {caption}\n\n' + '\n'.join(names) + '\n```\n'))
    nb['cells'] = cells
    return nb, front.get('output-file', '').removesuffix('.html')

def sections(names):
    "The sidebar's groups [(caption, page names)] from nbs/sidebar.yml (the lecture's parts, as Quarto's sidebar has them)"
    import yaml
    side = yaml.safe_load((root / 'nbs' / 'sidebar.yml').read_text())['website']['sidebar']['contents']
    groups = [(s['section'], [names[n] for n in s['contents'] if n in names]) for s in side if isinstance(s, dict)]
    listed = {n for s in side if isinstance(s, dict) for n in s['contents']}
    if missing := sorted(set(names) - listed): raise SystemExit(f"notebooks missing from nbs/sidebar.yml: {', '.join(missing)}")
    return groups

def sources(proc):
    "Write the pages under _build/docs-src: index first, then the numbered notebooks in order"
    if src.exists(): shutil.rmtree(src)
    src.mkdir(parents=True)
    if (proc / 'images').exists(): shutil.copytree(proc / 'images', src / 'images')
    names = {}
    for f in sorted(proc.glob('[0-9]*.ipynb')):
        nb, name = page(json.loads(f.read_text()))
        name = name or f.stem
        (src / f'{name}.ipynb').write_text(json.dumps(nb))
        names[f.name] = name
    nb, _ = page(json.loads((proc / 'index.ipynb').read_text()), toctree=sections(names))
    for c in nb['cells']:     # the README's "nbs/..." targets are relative to the repository; here to the site
        if c['cell_type'] == 'markdown': c['source'] = ''.join(c['source']).replace('](nbs/', '](')
    (src / 'index.ipynb').write_text(json.dumps(nb))
    return list(names.values())

def mathjax():
    "MathJax 3 from npm (docs/package.json), the parts a CommonHTML TeX page loads, under _build/mathjax/mathjax"
    es5 = root / 'docs' / 'node_modules' / 'mathjax' / 'es5'
    if not es5.exists():
        if not shutil.which('npm'): raise SystemExit("the site serves MathJax from npm: install Node.js and npm (apt-get install npm) and run again")
        subprocess.run(['npm', 'ci', '--no-audit', '--no-fund'], cwd=root / 'docs', check=True)
    dst = mj / 'mathjax'
    if dst.exists(): shutil.rmtree(dst)
    dst.mkdir(parents=True)
    shutil.copy(es5 / 'tex-chtml.js', dst)
    for d in ('output/chtml', 'input/tex/extensions', 'ui', 'a11y', 'adaptors'):
        shutil.copytree(es5 / d, dst / d)

def sphinx(strict=True):
    cmd = [sys.executable, '-m', 'sphinx', '-b', 'html', '-q', '-c', str(root / 'docs'), str(src), str(site)]
    if strict: cmd[3:3] = ['-W', '--keep-going']
    subprocess.run(cmd, check=True, env={**os.environ, 'DIFFNB_MATHJAX': str(mj)})
    for f in site.rglob('*.html'):        # nbdev writes links to the published site; here they stay on this one
        t = f.read_text()
        if DOC_HOST in t: f.write_text(t.replace(f'href="{DOC_HOST}', 'href="'))
    check_links()

def check_links():
    "Every link between pages of the site lands on a page and an anchor that exist"
    pages = {f.name: f.read_text() for f in site.glob('*.html')}
    ids = {n: set(re.findall(r'id="([^"]+)"', t)) for n, t in pages.items()}
    links = [(n, p, a) for n, t in pages.items() for p, a in re.findall(r'href="([\w-]+\.html)(?:#([^"]*))?"', t)]
    bad = [l for l in links if l[1] not in pages or (l[2] and l[2] not in ids[l[1]])]
    if bad: raise SystemExit(f"{len(bad)} broken links between pages, e.g. {bad[:5]}")
    print(f"links between pages: {len(links)}, all land on a page and anchor that exist")

def browser_check(pages=('index.html', 'posterior.html')):
    "Headless Chromium: equations typeset, no raw $$, figures loaded, nothing fetched from outside; screenshots"
    import http.server, threading, functools
    from playwright.sync_api import sync_playwright
    chromium = shutil.which('chromium') or shutil.which('chromium-browser')
    if not chromium: raise SystemExit("the browser check needs Debian's chromium (apt-get install chromium)")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    handler = functools.partial(Quiet, directory=str(site))
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f'http://127.0.0.1:{srv.server_port}/'
    shots.mkdir(parents=True, exist_ok=True)
    problems = []
    flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
             '--disable-component-update', '--disable-sync']
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=flags)
            for name in pages:
                pg = browser.new_page(viewport={'width': 1280, 'height': 900})
                outside, bad = [], []
                pg.on('request', lambda r: r.url.startswith(base) or r.url.startswith('data:') or outside.append(r.url))
                pg.on('response', lambda r: r.status >= 400 and bad.append(f'{r.status} {r.url}'))
                pg.on('requestfailed', lambda r: bad.append(f'failed {r.url}'))
                pg.goto(base + name, wait_until='networkidle')
                try: pg.wait_for_function('window.MathJax && MathJax.startup && MathJax.startup.promise', timeout=20_000)
                except Exception: print(f'{name}: MathJax did not start within 20 s')
                else: pg.evaluate('MathJax.startup.promise')
                r = pg.evaluate('''() => {
                    const math = [...document.querySelectorAll('.math')];
                    const imgs = [...document.querySelectorAll('article img')];
                    return {math: math.length, typeset: math.filter(m => m.querySelector('mjx-container')).length,
                            mjx: document.querySelectorAll('mjx-container').length,
                            raw: (() => { const a = document.querySelector('article').cloneNode(true);   // prose only, not code
                                          a.querySelectorAll('pre, code').forEach(e => e.remove()); return a.textContent.includes('$$'); })(),
                            wide: [...document.querySelectorAll('mjx-container[display="true"]')].filter(e => e.scrollWidth > e.clientWidth + 1).length,
                            imgs: imgs.length, loaded: imgs.filter(i => i.complete && i.naturalWidth > 0).length,
                            title: document.title}
                }''')
                shot = shots / name.replace('.html', '.png')
                pg.screenshot(path=str(shot), full_page=True)
                ok = r['math'] > 0 and r['typeset'] == r['math'] and not r['raw'] and not r['wide'] and r['imgs'] > 0 and r['loaded'] == r['imgs'] and not outside and not bad
                print(f"{name}: {r['typeset']}/{r['math']} equations typeset ({r['mjx']} MathJax elements, {r['wide']} wider than the page), raw $$: {r['raw']}, "
                      f"figures loaded {r['loaded']}/{r['imgs']}, outside requests {len(outside)}, failed {len(bad)} -> {shot.relative_to(root)}")
                if not ok: problems.append((name, r, outside[:5], bad[:5]))
                pg.close()
            browser.close()
    finally: srv.shutdown()
    if problems:
        for p_ in problems: print('PROBLEM', *p_)
        raise SystemExit('browser check failed')

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--check', action='store_true', help='also run the headless-Chromium check and save screenshots')
    ap.add_argument('--no-warnings-as-errors', action='store_true')
    a = ap.parse_args()
    t0 = time.time()
    proc = process_notebooks()
    t1 = time.time()
    names = sources(proc)
    mathjax()
    sphinx(strict=not a.no_warnings_as_errors)
    t2 = time.time()
    print(f"site: {site.relative_to(root)}/index.html, {len(names) + 1} pages (nbdev processing {t1 - t0:.1f} s, Sphinx {t2 - t1:.1f} s)")
    if a.check:
        browser_check()
        print(f"browser check passed in {time.time() - t2:.1f} s")

if __name__ == '__main__': main()
