"""The one reader of nbdev's `#|` cell directives that the tools share."""


def directives(source:str):
    "Split a cell into its leading `#| key` / `#| key: value` directives ({key: value, '' for a bare flag}) and the rest"
    lines, d = source.splitlines(), {}
    while lines and lines[0].startswith('#|'):
        k, _, v = lines.pop(0)[2:].strip().partition(':')
        if k.strip(): d[k.strip().split()[0]] = v.strip()
    return d, '\n'.join(lines)


def flags(source:str):
    "The flags of a cell as the tools use them: bare directives (`slow`, `cuda`, `hide`, ...), and 'noeval' for `#| eval: false`"
    d, _ = directives(source)
    return {k for k, v in d.items() if not v} | ({'noeval'} if d.get('eval') == 'false' else set())
