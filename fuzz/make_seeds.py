#!/usr/bin/env python3
"""Write the committed seed corpus, fuzz/seeds/TARGET/, from the project's own
files (sample articles, config and keymap fixtures, the built-in keymaps) and
a few hostile inputs: ESC, CSI, OSC (title, 52, 8), DCS, APC, C1, BEL, CR, bidi
overrides and isolates, deep embeddings. Run it from anywhere; it replaces the
seed folders whole. The layout seeds start with two bytes, the width and the
options, as fuzz/src/lib.rs reads them."""

import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"

# Things an article, a name or a note can carry to attack a terminal.
HOSTILE = [
    "\x1b[31mred\x1b[0m \x1b[2J\x1b[H cleared",
    "\x1b]0;pwned\x07 title, \x1b]0;pwned\x1b\\ with ST",
    "\x1b]52;c;dG91Y2ggL3RtcC94Cg==\x07 clipboard",
    "\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\",
    "\x1bP+q544e\x1b\\ DCS \x1b_APC\x1b\\ \x1b^PM\x1b\\",
    "\x9b2J \x9d0;c1 title\x9c \x90dcs\x9c \x85nel",
    "bell\x07 cr\r overwrite \x08\x08 back \x7f del \x00 nul",
    "\x1b[201~; touch /tmp/x\r",
    "سلام \u202eabc\u202c \u202d\u05e9\u05dc\u202c \u2067ltr\u2069 \u2066فا\u2069 \u2068x\u2069",
    "\u200f\u200e\u061c\u200c\u200d\ufeff\u00ad\u2060\u180e\ufff9\ufffa\ufffb",
    "\u202b\u202a" * 70 + "deep\u202c" * 3 + "embedding",
    "\u2067" * 130 + "isolates" + "\u2069" * 2,
    "\u202e" * 126 + "ا(ب)«ج»",
    "👨\u200d👩\u200d👧\u200d👦 👩\u200d🔬 🇮🇷🇮🇷 \u1100\u1161\u11a8 \u1100\u1100\u1161",
    "\u0301\u064e\u0670 e\u0301\u0302\u0303 بَُِّْ لا لأ لإ لآ ل\u064eا ل\u200dا ل\u200cا ـــ",
    "tab\there\t\tend\t",
    "\u2028line\u2029para\x1c\x1d\x1e\x1f",
]

ARTICLES = sorted((ROOT / "assets" / "articles").glob("*.txt"))


def opening(article, size):
    """The first lines of an article, about `size` bytes: the layout target
    runs faster on short inputs, and finds as much."""
    text = ""
    for line in article.read_text(encoding="utf-8").splitlines(keepends=True):
        if len((text + line).encode()) > size and text:
            break
        text += line
    return text.encode()


def write(target, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = SEEDS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def layout():
    # Width byte, options byte (bits: 0-1 direction, 2 shaping off, 3 logical).
    for i, article in enumerate(ARTICLES):
        width, flags = [(40, 0), (20, 2), (80, 1), (7, 8), (33, 4)][i % 5]
        write("layout", article.stem, bytes([width, flags]) + opening(article, 1500))
    for i, text in enumerate(HOSTILE):
        write("layout", f"hostile-{i:02}", bytes([10 + 3 * i, i % 16]) + text.encode())
    write("layout", "width-0", bytes([0, 0]) + "یک کلمه‌ی بلند wide漢字".encode())
    write("layout", "width-1", bytes([1, 2]) + "漢字 لا 👩\u200d🔬\tx".encode())
    write("layout", "width-huge", bytes([255, 2]) + "متن کوتاه".encode())


def article():
    for article in ARTICLES:
        write("article", article.stem, article.read_bytes())
    fa = (ROOT / "assets" / "articles" / "fa-news.txt").read_text(encoding="utf-8")[:600]
    write("article", "utf16le", b"\xff\xfe" + fa.encode("utf-16-le"))
    write("article", "utf16be", b"\xfe\xff" + fa.encode("utf-16-be") + b"\x00")
    write("article", "utf8-bom", "\ufeff" + fa)
    write("article", "latin1", "café «quoted» naïve\n".encode("latin-1"))
    write("article", "binary", b"\x7fELF\x02\x01\x01\x00\x00\x00")
    write(
        "article",
        "quotes",
        "او گفت «این «کتاب» را بخوان» و رفت.\n"
        "»برعکس« و „low“ and “curly” and \"straight\" and ‹angle› 5\" screen\n"
        "«never closed\n\n  \r\n»«»«\n",
    )
    write("article", "sentences", "اول. دوم؟ سوم! ق.م و example.org/a.b و ۱۲٫۵ و 12.5\r\n")
    write("article", "hostile", "\n".join(HOSTILE))


def keymap():
    for path in sorted((ROOT / "keymaps").glob("*.toml")):
        write("keymap", "builtin-" + path.stem, path.read_bytes())
    for path in sorted((ROOT / "tests" / "fixtures" / "keymaps").glob("*.toml")):
        write("keymap", path.stem, path.read_bytes())
    write(
        "keymap",
        "hostile",
        '[keys]\n"\x1b[2J" = "down"\n"C-\u202e" = "up"\n"M-S-Up" = "\x1b]0;x\x07"\n',
    )
    write(
        "keymap",
        "sequences",
        '[keys]\n"C-x C-c" = "quit"\n"g g" = "top"\n"S-Tab" = "none"\n"F24" = "help"\n'
        '"C--" = "down"\n"M-<" = "top"\n"ت" = "up"\n"Space" = "none"\n',
    )


def config():
    for path in sorted((ROOT / "tests" / "fixtures" / "config").glob("*.toml")):
        write("config", path.stem, path.read_bytes())
    write(
        "config",
        "hostile",
        'keymap = "\\u001b]0;x\\u0007"\nkeymap_file = "\x1b[2J.toml"\n'
        'library = ["\u202efdp.exe"]\nmeasure = 18446744073709551615\n',
    )
    write("config", "inline", "measure = 20\ntheme = \"light\"\nbidi = \"terminal\"\n")


def store():
    bookmark = {
        "id": 3,
        "article": {
            "id": "0123456789abcdef",
            "source": "/home/a/مقاله.txt",
            "title": "کتابخانه‌ای در ایستگاه",
        },
        "quote": "به‌عنوان کتابخانه‌ای عمومی",
        "range": {"start": 120, "end": 170},
        "paragraph": 1,
        "note": "یادداشت \x1b]0;pwned\x07 \u202eevil\u202c \x9b2J",
        "created": "2024-11-05T10:00:00Z",
        "detached": False,
    }
    other = dict(bookmark, id=9, note=None, detached=True, quote="«نقل»")
    other["article"] = dict(bookmark["article"], source="sample:fa-news", title="\x1b[2Jtitle")
    store = {
        "schema": 1,
        "next_id": 10,
        "bookmarks": [bookmark, other],
        "positions": {
            "0123456789abcdef": {
                "source": "/home/a/مقاله.txt",
                "offset": 4096,
                "updated": "2024-11-05T10:00:00Z",
            }
        },
    }
    write("store", "store", json.dumps(store, ensure_ascii=False, indent=2) + "\n")
    write("store", "store-ascii", json.dumps(store, ensure_ascii=True))
    write("store", "empty", '{"schema": 1}')
    write("store", "newer", json.dumps(dict(store, schema=2, shelves=["x"])))
    write("store", "unknown-field", json.dumps(dict(store, colour="amber")))
    write("store", "max-id", json.dumps(dict(store, next_id=18446744073709551615)))
    write("store", "bom", "\ufeff" + json.dumps(store))
    write("store", "not-object", "[1, 2]")


def subscriptions():
    item = {
        "id": "barg-fa-1001",
        "title": "نمایشگاه کتاب \x1b]0;pwned\x07 \u202eevil\u202c \x9b2J",
        "link": "https://barg.example/fa/news/1",
        "published": "2024-03-01T05:00:00Z",
        "fetched": "2024-03-01T06:00:00Z",
        "read": False,
        "file": "af63dc4c8601ec8c.barg",
    }
    feed = {
        "id": 1,
        "url": "https://barg.example/fa/feed.xml",
        "title": "خبرنامهٔ برگ",
        "site": "https://barg.example/fa/",
        "added": "2024-03-01T06:00:00Z",
        "refreshed": "2024-03-02T06:00:00Z",
        "error": "the server answered 404 Not Found",
        "etag": "\"v1\"",
        "last_modified": "Fri, 01 Mar 2024 05:00:00 GMT",
        "items": [item, dict(item, id="2", read=True, file="0123.barg", published=None)],
    }
    feeds = {"schema": 1, "next_id": 3, "feeds": [feed, dict(feed, id=2, items=[], title=None)]}
    write("subscriptions", "feeds", json.dumps(feeds, ensure_ascii=False, indent=2) + "\n")
    write("subscriptions", "feeds-ascii", json.dumps(feeds, ensure_ascii=True))
    write("subscriptions", "empty", '{"schema": 1}')
    write("subscriptions", "newer", json.dumps(dict(feeds, schema=2)))
    write("subscriptions", "unknown-field", json.dumps(dict(feeds, colour="amber")))
    write("subscriptions", "escape", json.dumps(dict(feeds, feeds=[dict(feed, items=[dict(item, file="../../x.barg")])])))
    write("subscriptions", "same-id", json.dumps(dict(feeds, feeds=[feed, feed])))
    write("subscriptions", "bom", "\ufeff" + json.dumps(feeds))


def search():
    pairs = [
        ("كتابي", "کتابی خوب و كتابي بد"),
        ("کتاب‌ها", "کتابها را کتاب\u200bها"),
        ("سلام", "سلامٌ بر تو"),
        ("1403", "سال ۱۴۰۳ و ١٤٠٣"),
        ("rust", "Rust and RUST İ"),
        ("یک دو", "یک  \n دو"),
        ("\u0650", "کِتاب"),
        ("", "کتاب"),
        ("بزرگ", "بـــزرگ"),
    ]
    for i, (needle, haystack) in enumerate(pairs):
        write("search", f"pair-{i:02}", needle + "\0" + haystack)
    write("search", "self", (ROOT / "assets" / "articles" / "fa-essay.txt").read_text(encoding="utf-8")[:400])
    write("search", "hostile", "\u202e\x1b[2J\0" + HOSTILE[8])


def reader():
    # Width, height, options; the text; NUL; the moves (see fuzz/src/lib.rs).
    every_move = bytes([0, 3, 5, 5, 7, 8, 8, 9, 6, 10, 40, 5, 11, 11, 12, 3, 1, 2, 13, 128,
                        14, 250, 4, 20, 5, 15, 200, 2, 0, 255])
    for i, article in enumerate(ARTICLES):
        width, height = [(40, 10), (20, 5), (80, 24), (7, 1), (33, 3)][i % 5]
        write("reader", article.stem, bytes([width, height, i % 4]) + opening(article, 1500))
        write("reader", article.stem + "-moves", bytes([width, height, i % 4])
              + opening(article, 1500) + b"\0" + every_move)
    write("reader", "quotes", bytes([30, 4, 0]) + "«یک» و «دو «سه»» و “four”\n\nپنج «شش".encode())
    write("reader", "one-line", bytes([80, 24, 0]) + "سلام".encode() + b"\0" + every_move)
    write("reader", "hostile", bytes([12, 6, 2]) + "\n".join(HOSTILE).encode())


def markdown():
    # Width, options; then Markdown (see fuzz/src/lib.rs).
    for i, article in enumerate(sorted((ROOT / "assets" / "articles").glob("*.md"))):
        write("markdown", article.stem, bytes([60, i % 4]) + article.read_bytes())
    fixture = ROOT / "tests" / "fixtures" / "markdown" / "fa-en.md"
    write("markdown", "fixture", bytes([30, 2]) + fixture.read_bytes())
    write("markdown", "every-kind", bytes([12, 0]) + (
        "---\ntitle: x\n---\n# h1\nSetext\n===\n> q *e **s** e*\n> > deep «in»\n\n"
        "1. a\n   - b\n     - c `code`\n2. [l](u)\n\n***\n\n    indented\tcode\n\n"
        "~~~\n\n~~~\n\nhard  \nbreak\\\nagain\n\n<div>html <b>b</b></div>\n\n"
        "![alt **x**](img.png) [^1] <span>i</span>\n\n[^1]: note\n").encode())
    write("markdown", "hostile", bytes([20, 2]) + "\n\n".join(
        ["# " + HOSTILE[0], "> " + HOSTILE[8], "- " + HOSTILE[9], "```\n" + HOSTILE[6] + "\n```",
         "`" + HOSTILE[2] + "`", "[x](\x1b]0;t\x07)", HOSTILE[10], HOSTILE[15]]).encode())
    write("markdown", "empty", bytes([40, 0]))
    write("markdown", "only-rules", bytes([3, 0]) + b"---\n\n***\n\n___\n")
    write("markdown", "nesting", bytes([25, 1]) + ("> - " * 60 + "deep\n" + "*" * 200 + "x" + "*" * 200).encode())


def feed():
    # Feeds as they come: the project's fixtures, and hostile ones.
    feeds = ROOT / "tests" / "fixtures" / "feeds"
    for fixture in sorted(feeds.iterdir()):
        if fixture.suffix != ".opml":
            write("feed", fixture.name.replace(".", "-"), fixture.read_bytes())
    write("feed", "hostile-rss", (
        "<rss version=\"2.0\"><channel><title>" + HOSTILE[1].replace("<", "&lt;") + "</title>"
        + "<item><guid>a</guid><title>" + HOSTILE[0] + "</title><link>../x?a=1&amp;b</link></item>"
        + "<item><guid>a</guid></item><item><title>t</title></item><item/>"
        + "</channel></rss>").encode())
    write("feed", "hostile-json", json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": HOSTILE[2],
        "home_page_url": "/", "feed_url": "\x1b]0;t\x07",
        "items": [{"id": HOSTILE[7], "url": HOSTILE[3], "language": 3}, {"id": 5}, {}]}).encode())
    write("feed", "entities", (
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
        "<rss version=\"2.0\"><channel><title>&b;</title></channel></rss>").encode())
    write("feed", "page", (
        "<!DOCTYPE html><html><head><base href=\"/b/\">"
        "<link rel=alternate type=application/rss+xml href=feed.xml>"
        "<link rel=\"alternate\" type=\"application/atom+xml\" href='//x.example/a'>"
        "<script><link rel=alternate type=application/rss+xml href=/no></script></head></html>").encode())
    write("feed", "empty", b"")


def opml():
    feeds = ROOT / "tests" / "fixtures" / "feeds"
    for fixture in sorted(feeds.glob("*.opml")):
        write("opml", fixture.stem, fixture.read_bytes())
    write("opml", "hostile", (
        "<opml version=\"2.0\"><body><outline text=\"" + HOSTILE[8] + "\">"
        "<outline text=\"&#27;]0;t&#7; &amp; &lt;\" xmlUrl=\" a&#9;b \" htmlUrl=\"\"/>"
        "<outline xmlUrl=\"&unknown; &amp;\"><outline text=\"inner\" xmlUrl=\"u2\"/></outline>"
        "<outline/><outline text=\"\"><outline title=\"x\" xmlUrl=\"u3\"/></outline>"
        "</outline></body></opml>").encode())
    write("opml", "deep", ("<opml><body>" + "<outline text=\"f\">" * 40
                           + "<outline xmlUrl=\"u\"/>" + "</outline>" * 40 + "</body></opml>").encode())
    write("opml", "empty", b"")


def html():
    # Width, options and charset bits; then the page's bytes (see fuzz/src/lib.rs).
    fixtures = ROOT / "tests" / "fixtures" / "html"
    write("html", "fa-news", bytes([40, 2]) + (fixtures / "fa-news.html").read_bytes())
    write("html", "fa-1256", bytes([30, 0]) + (fixtures / "fa-1256.html").read_bytes())
    write("html", "fa-1256-told", bytes([50, 16]) + (fixtures / "fa-1256-says-utf8.html").read_bytes())
    write("html", "unknown-charset", bytes([20, 32]) + (fixtures / "fa-1256.html").read_bytes())
    write("html", "every-kind", bytes([12, 8]) + (
        "<html lang=fa dir=rtl><title>t\x1b</title><body><h1>سر</h1><p dir=ltr lang=en>a <em>e <b>s</b></em> "
        "<a href='u'>l</a> <code>c</code> <q>q «in»</q><br>after</p><blockquote>«بلوک»</blockquote>"
        "<ol start=9><li>a<ul><li>b</ul></ol><hr><pre class=language-rust>x\n\ty</pre>"
        "<h2><q>not a quote</q></h2><table><tr><td>c<td>d</table></body></html>").encode())
    write("html", "hostile", bytes([20, 2]) + (
        "<p>" + "</p><p>".join(HOSTILE) + "</p><p>&#x1b;]0;x&#7; &#x202e;rev &#0;</p>"
        "<a href='\x1b[2J'>link</a><script>evil()</script>").encode())
    write("html", "malformed", bytes([25, 1]) + b"</div><p>a<b>b<i>c</p>d</b></i><li>e<td>f</table></html>")
    write("html", "nesting", bytes([25, 1]) + ("<div><blockquote><ul><li><q><b>" * 300 + "deep").encode())
    write("html", "empty", bytes([40, 0]))
    write("html", "binary", bytes([40, 0]) + b"%PDF-1.4\n\x00\x01")


def saved():
    # Width byte, options byte, then a saved article's JSON (see
    # src/article/saved.rs): what barg writes, and what it must refuse whole.
    def article(text, blocks, **extra):
        doc = {"barg_article": 1, "title": extra.pop("title", "عنوان"),
               "format": extra.pop("format", "html"), "text": text, "blocks": blocks}
        doc.update(extra)
        return json.dumps(doc, ensure_ascii=False).encode()

    def at(text, part, start=0):
        begin = text.encode().index(part.encode(), start)
        return begin, begin + len(part.encode())

    text = ("سرخط خبر\nمتنی با پیوند و «نقل‌قول» و *تأکید*.\nنقل‌قولی کوتاه\n• یک\n"
            "fn main() {}\nlet x = 1;\n")
    heading = at(text, "سرخط خبر")
    para = at(text, "متنی با پیوند و «نقل‌قول» و *تأکید*.")
    quote = at(text, "نقل‌قولی کوتاه")
    item = at(text, "• یک")
    code = at(text, "fn main() {}\nlet x = 1;")
    link = at(text, "پیوند")
    q = at(text, "نقل‌قول", para[0])
    every = [
        {"kind": "heading", "level": 1, "start": heading[0], "end": heading[1], "lang": "fa"},
        {"kind": "paragraph", "start": para[0], "end": para[1], "direction": "rtl", "spans": [
            {"kind": "link", "start": link[0], "end": link[1], "target": "https://fa.example/b"},
            {"kind": "quote", "start": q[0], "end": q[1]},
            {"kind": "emphasis", "start": q[0], "end": q[1]},
            {"kind": "strong", "start": para[1] - 1, "end": para[1]}]},
        {"kind": "quote", "start": quote[0], "end": quote[1]},
        {"kind": "list_item", "depth": 0, "start": item[0], "end": item[1]},
        {"kind": "code", "info": "rust", "start": code[0], "end": code[1], "direction": "ltr",
         "spans": [{"kind": "code", "start": code[0], "end": code[0] + 2}]},
        {"kind": "rule", "start": code[1], "end": code[1]},
    ]
    write("saved", "every-kind", bytes([40, 0]) + article(
        text, every, url="https://fa.example/news/1", published="2026-11-20T08:00:00Z"))
    write("saved", "narrow-logical", bytes([3, 12]) + article(text, every))
    write("saved", "plain", bytes([60, 1]) + article(
        "A title\nA line of English.\n", [{"kind": "paragraph", "start": 0, "end": 7},
                                          {"kind": "paragraph", "start": 8, "end": 26}],
        format="plain", title="A title"))
    write("saved", "empty", bytes([20, 0]) + article("", []))
    # Refused: a control character, a range inside a character, out of
    # order, past the end, a newer version, not JSON, an unknown field.
    write("saved", "hostile-title", bytes([20, 0]) + article("a", [], title="\x1b]0;pwned\x07"))
    write("saved", "hostile-text", bytes([20, 0]) + article(HOSTILE[0], []))
    write("saved", "inside-a-char", bytes([20, 0]) + article(
        "سلام", [{"kind": "paragraph", "start": 0, "end": 1}]))
    write("saved", "out-of-order", bytes([20, 0]) + article(
        "ab cd", [{"kind": "paragraph", "start": 3, "end": 5},
                  {"kind": "paragraph", "start": 0, "end": 2}]))
    write("saved", "past-the-end", bytes([20, 0]) + article(
        "ab", [{"kind": "paragraph", "start": 0, "end": 99}]))
    write("saved", "newer", bytes([20, 0]) + article("a", []).replace(
        b'"barg_article": 1', b'"barg_article": 9'))
    write("saved", "unknown-field", bytes([20, 0]) + article("a", [], mode=1))
    write("saved", "not-json", bytes([20, 0]) + b"{\"barg_article\": 1, \"title\": ")
    write("saved", "deep", bytes([20, 0]) + b"[" * 5000)


def main():
    if SEEDS.exists():
        shutil.rmtree(SEEDS)
    for make in (layout, article, keymap, config, store, search, reader, markdown, feed, opml, html,
                 saved, subscriptions):
        make()


if __name__ == "__main__":
    main()
