# Sphinx configuration of the diffnb documentation site (built by `python tools/build_docs.py`).
# The pages are the notebooks after nbdev's processing (show_doc cells run, directives applied), rendered by
# myst-nb without executing them again; MathJax is served from the site itself (docs/package.json), so the
# site works offline.
import os, re
from pathlib import Path

root = Path(__file__).resolve().parent.parent
project = 'diffnb'
release = re.search(r'__version__ = "([^"]+)"', (root / 'diffnb' / '__init__.py').read_text()).group(1)
version = release
copyright = 'diffnb contributors (Apache-2.0)'

extensions = ['myst_nb']
nb_execution_mode = 'off'                  # the stored outputs are the pages' figures and numbers
nb_render_markdown_format = 'myst'         # show_doc writes Markdown
nb_output_stderr = 'remove'
nb_merge_streams = True
myst_enable_extensions = ['dollarmath', 'amsmath', 'attrs_inline', 'colon_fence', 'html_image']
myst_dmath_double_inline = True
suppress_warnings = ['myst.header']        # show_doc headings start at level 3 inside a page's sections
exclude_patterns = ['_build']

html_theme = 'furo'
html_title = f'diffnb {release}'
html_static_path = ['_static'] + ([os.environ['DIFFNB_MATHJAX']] if os.environ.get('DIFFNB_MATHJAX') else [])
html_css_files = ['diffnb.css']
mathjax_path = 'mathjax/tex-chtml.js'      # copied under _static by the build script, from npm
html_show_sourcelink = False
