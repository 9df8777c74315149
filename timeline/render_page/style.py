"""The page's stylesheet and icon: inline CSS with explicit light and dark colours, an SVG favicon.

Both colour schemes set their own background and text colours (a page that leaves the
background to the browser in dark mode fails contrast checks wherever it sets a text colour).
The colours meet WCAG AA contrast (4.5:1) on their background.
"""

from __future__ import annotations

CSS = """
:root{color-scheme:light;--bg:#fff;--fg:#1b1b1b;--muted:#555;--line:#c8c8c8;--card:#f6f7f9;--accent:#0b57d0;
--tbc:#8a4b00;--mark:#0b57d0;--chip:#e8eefc}
@media (prefers-color-scheme:dark){:root{color-scheme:dark;--bg:#121417;--fg:#e6e6e6;--muted:#b0b0b0;--line:#3a3f47;
--card:#1b1f24;--accent:#8ab4f8;--tbc:#f0b060;--mark:#8ab4f8;--chip:#23324d}}
html{background:var(--bg);color:var(--fg)}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;max-width:52rem;
margin:0 auto;padding:0 1rem 3rem;overflow-wrap:anywhere;background:var(--bg);color:var(--fg)}
a{color:var(--accent)}
header{border-bottom:1px solid var(--line);margin-bottom:1rem}
header h1{margin:.5rem 0 .25rem}
nav ul,ul.links{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav.langs{float:right;margin-top:.75rem}
.muted,figcaption,.count,.updated,.rel{color:var(--muted)}
.rel{font-weight:600}
ul.cards{list-style:none;padding:0;margin:0}
article.event{border-left:4px solid var(--line);background:var(--card);padding:.5rem .75rem;margin:.5rem 0;border-radius:4px}
article.event h3,article.event h4{margin:0;font-size:1.1rem}
article.event p{margin:.15rem 0}
.cancelled .name,.postponed .name{text-decoration:line-through}
.tbc{color:var(--tbc);font-weight:600}
.chip{background:var(--chip);border-radius:1rem;padding:0 .5rem;font-size:.9rem;white-space:nowrap}
form.filter{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;border:1px solid var(--line);
border-radius:4px;padding:.5rem .75rem;margin:1rem 0}
form.filter label{display:flex;flex-direction:column;font-size:.9rem}
form.filter output{flex-basis:100%;color:var(--muted)}
input,select,button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:3px;
padding:.15rem .4rem}
button{cursor:pointer}
.address{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
.address input{flex:1 1 20rem;min-width:0;font-family:ui-monospace,monospace}
ul.calendars{list-style:none;padding:0}
ul.calendars>li{border-top:1px solid var(--line);padding:.5rem 0}
.calendars h4{margin:0}
.calendars p{margin:.25rem 0}
.kind{font-weight:600;margin-right:.5rem}
details{margin:.75rem 0}
summary{cursor:pointer}
summary h3{display:inline;margin:0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}
dt{font-weight:600}
dd{margin:0}
@media (max-width:30rem){dl{display:block}dd{margin:0 0 .4rem}nav.langs{float:none}}
blockquote{margin:.25rem 0;padding-left:.75rem;border-left:3px solid var(--line);font-style:italic}
figure{margin:.5rem 0}
.strip svg{max-width:100%;height:auto;display:block}
.strip .axis{stroke:var(--muted)}
.strip .tick{stroke:var(--mark);stroke-width:2}
.strip .window{fill:var(--mark);opacity:.35}
.strip text{fill:var(--fg);font-size:12px}
code,pre{font-family:ui-monospace,monospace;font-size:.9rem}
pre{background:var(--card);padding:.5rem;overflow-x:auto;white-space:pre-wrap}
[hidden]{display:none !important}
"""

FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<rect width="32" height="32" rx="6" fill="#0b57d0"/>'
    '<rect x="6" y="9" width="20" height="17" rx="2" fill="#fff"/>'
    '<rect x="6" y="9" width="20" height="5" fill="#8ab4f8"/>'
    '<circle cx="12" cy="20" r="2" fill="#0b57d0"/><circle cx="20" cy="20" r="2" fill="#0b57d0"/>'
    "</svg>\n"
)
