# check-html.py FILE [N]: the S3 checks of a report kam wrote as HTML: no
# script, handler, link or external reference; the CSP meta before the
# styles; a doctype; every <svg> well-formed, N of them when N is given.
# Prints each problem and exits 1.  Used by t8000 and t8500.
import html, html.parser, re, sys, xml.dom.minidom
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
BAD_TAGS = {"script", "iframe", "frame", "object", "embed", "link",
            "base", "form", "img", "a", "input", "audio", "video"}
class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad, self.csp, self.style_before_csp = [], 0, False
        self.seen_style = False
    def handle_starttag(self, tag, attrs):
        if tag in BAD_TAGS:
            self.bad.append("element <%s>" % tag)
        if tag == "style":
            self.seen_style = True
        d = dict(attrs)
        if tag == "meta" and (d.get("http-equiv") or "").lower() == \
                "content-security-policy":
            if d.get("content") == CSP:
                self.csp += 1
                self.style_before_csp = self.seen_style
        for k, v in attrs:
            v = v or ""
            if k.lower().startswith("on"):
                self.bad.append("attribute %s=%r" % (k, v))
            u = re.sub(r"[\x00-\x20]", "", html.unescape(v)).lower()
            if k.lower() in ("href", "src", "xlink:href", "action",
                             "formaction", "srcdoc", "data"):
                self.bad.append("attribute %s=%r" % (k, v))
            if re.match(r"(javascript|vbscript|file|data:text)", u):
                self.bad.append("attribute %s=%r" % (k, v))
            if "://" in v and k != "xmlns":
                self.bad.append("external %s=%r" % (k, v))
    handle_startendtag = handle_starttag
src = open(sys.argv[1], encoding="utf-8").read()
p = Page()
p.feed(src)
p.close()
errors = list(p.bad)
if p.csp != 1 or p.style_before_csp:
    errors.append("no CSP meta before the styles")
if not src.startswith("<!DOCTYPE html>\n"):
    errors.append("no doctype")
svgs = re.findall(r"<svg\b.*?</svg>", src, re.S)
for s in svgs:
    try:
        xml.dom.minidom.parseString(s)
    except Exception as e:
        errors.append("svg not well-formed: %s" % e)
if len(sys.argv) > 2 and len(svgs) != int(sys.argv[2]):
    errors.append("%d svg elements, expected %s" % (len(svgs), sys.argv[2]))
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
