"""``timeline serve``'s ``/filter`` page: a form (plain GET, no script needed) that builds the
subscribe address of a filtered calendar, and, once submitted, that address with its links."""

from __future__ import annotations

from timeline.model import Dataset, pick
from timeline.query import Filter, allowed, matches
from timeline.render_page.layout import GOOGLE_ADD_BY_URL, a, document, esc, google, office, outlook, webcal
from timeline.render_page.style import CSS
from timeline.render_page.subscribe import address
from timeline.render_page.words import AUTONYMS, words

CHECKED = ' checked="checked"'
FORM_WORDS = {
    "en": {"title": "Build a filtered calendar", "build": "Build the address", "matching": "{n} events match.",
           "lang": "Language", "about": "Tick nothing in a group to leave it unfiltered; several ticks in a group "
           "mean any of them."},
    "vi": {"title": "Tạo lịch theo bộ lọc", "build": "Tạo địa chỉ", "matching": "{n} sự kiện phù hợp.",
           "lang": "Ngôn ngữ", "about": "Không chọn gì trong một nhóm là không lọc theo nhóm đó; chọn nhiều là bất kỳ."},
}  # fmt: skip


def form_page(ds: Dataset, f: Filter, root: str, submitted: bool) -> bytes:
    config = ds.config
    lang = f.lang or config.language
    w, fw = words(lang), FORM_WORDS.get(lang, FORM_WORDS["en"])
    ok = allowed(ds)
    used_series = {e.series.key for e in ds.events}
    labels = {
        "series": {k: pick(ds.series[k].short, lang) for k in ok["series"] if k in used_series},
        "participant": {c: pick(ds.countries[c.upper()].name, lang) for c in ok["participant"]},
        "host": {c: pick(ds.countries[c.upper()].name, lang) for c in ok["host"]},
    }
    chosen = {"series": f.series, "participant": f.participant, "host": f.host}
    headings = {"series": w["f_series"], "participant": w["participant"], "host": w["host"]}
    groups = []
    for name, options in labels.items():
        boxes = "".join(
            f'<label><input type="checkbox" name="{name}" value="{esc(v)}"'
            f"{CHECKED if v in chosen[name] else ''} /> {esc(t)}</label> "
            for v, t in sorted(options.items(), key=lambda o: o[1])
        )
        groups.append(f"<fieldset><legend>{esc(headings[name])}</legend>{boxes}</fieldset>")
    langs = "".join(
        f'<label><input type="radio" name="lang" value="{esc(code)}"'
        f"{CHECKED if code == lang else ''} /> {esc(AUTONYMS.get(code, code))}</label> "
        for code in config.languages
    )
    groups.append(f"<fieldset><legend>{esc(fw['lang'])}</legend>{langs}</fieldset>")
    result = ""
    if submitted:
        query = f.query()
        url = f"{root}calendar.ics{'?' + query if query else ''}"
        count = sum(matches(e, f) for e in ds.events)
        name = pick(config.title, lang)
        links = [a(webcal(url), w["webcal"]), a(google(url), w["google"]), a(GOOGLE_ADD_BY_URL, w["google_url"]),
                 a(outlook(url, name), w["outlook"]), a(office(url, name), w["office"]), a(url, w["ics"])]  # fmt: skip
        feeds = [a(f"{root}{p}{'?' + query if query else ''}", w[k]) for p, k in
                 (("feed.atom", "atom"), ("feed.rss", "rss"), ("feed.json", "json"))]  # fmt: skip
        result = "\n".join(
            [
                '<section id="_result" aria-labelledby="_result-h">',
                f'<h2 id="_result-h">{esc(w["subscribe"])}</h2>',
                f"<p>{esc(fw['matching'].format(n=count))}</p>",
                address(url, "_address-filtered", lang),
                f'<ul class="links">{"".join(f"<li>{link}</li>" for link in links)}</ul>',
                f'<p><span class="kind">{esc(w["feeds"])}:</span> {" · ".join(feeds)}</p>',
                "</section>",
            ]
        )
    body = [
        "<header>",
        f"<h1>{esc(fw['title'])}</h1>",
        f'<p><a href="{esc(root)}">← {esc(w["back"])}</a></p>',
        "</header>",
        "<main>",
        f'<form method="get" action="{esc(root)}filter" class="build">',
        f'<p class="muted">{esc(fw["about"])}</p>',
        *groups,
        f'<p><button type="submit">{esc(fw["build"])}</button></p>',
        "</form>",
        result,
        "</main>",
    ]
    return document(config, lang, "filter", fw["title"], "", body, style=CSS, script=False)
