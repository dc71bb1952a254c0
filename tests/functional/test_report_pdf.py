"""The PDF report end to end: text extracted with pypdf, metadata, safety, odd workshops.

Rendering is the slow part, so each PDF is made once per module and shared.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from cxalign.cli import main as cli_main
from cxalign.i18n import role_label, tr
from cxalign.report import make_report
from cxalign.report import render as render_module

from report_workshops import ROLES, build_workshop

HOSTILE = '<script>alert(1)</script> <img src="file:///etc/hostname"> http://example.com/x.png'


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return " ".join(page.extract_text() or "" for page in reader.pages)


def flat(text: str) -> str:
    """Whitespace and hyphenation hyphens squeezed out, so wrapped words still match."""
    return re.sub(r"[\s\u00ad\u2010]+", "", text)


class FetchSpy:
    """Wraps the report's URL fetcher factory and keeps every fetcher it made."""

    def __init__(self):
        self.fetchers = []
        self.real = render_module.make_url_fetcher

    def __call__(self, folders, refused=None):
        fetcher = self.real(folders, refused)
        self.fetchers.append(fetcher)
        return fetcher

    @property
    def refused(self) -> list[str]:
        return [url for f in self.fetchers for url in f.refused]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("reports")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from cxalign.demo import create_demo

    return create_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def demo_fr(demo, out):
    """The demo report in French, made through the command line, with --html."""
    pdf, html = out / "demo-fr.pdf", out / "demo-fr.html"
    code = cli_main(["report", str(demo.path), "-o", str(pdf), "--lang", "fr", "--html", str(html)])
    return code, pdf, html


@pytest.fixture(scope="module")
def demo_en(demo, out):
    return make_report(demo, out / "demo-en.pdf", lang="en")


@pytest.fixture(scope="module")
def demo_anonymous(demo, out):
    html = out / "demo-anon.html"
    pdf = make_report(demo, out / "demo-anon.pdf", lang="fr", anonymous=True, html_path=html)
    return pdf, html


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, out):
    """A workshop whose answers and names carry HTML, script and URLs; rendered with a fetcher spy."""
    folder = build_workshop(
        tmp_path_factory.mktemp("hostile"),
        [("Alice <b>Martin</b>", "ceo"), ("Bruno Petit", "marketing"), ("Chloé Roux", "customer_relations")],
        organisation="Acme <i>SA</i>", texts={0: HOSTILE}, notes={1: HOSTILE},
    )
    spy = FetchSpy()
    html = out / "hostile.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(render_module, "make_url_fetcher", spy)
        pdf = make_report(folder, out / "hostile.pdf", lang="en", html_path=html)
    return folder, pdf, html, spy


# -- the demo, in both languages ----------------------------------------------------------------

SECTION_KEYS = ("toc.title", "section.summary", "section.definitions", "section.maturity", "section.alignment",
                "section.hotspots", "section.recommendations", "section.method", "section.answers")


def test_cli_report_exits_0_and_writes_pdf_and_html(demo_fr):
    code, pdf, html = demo_fr
    assert code == 0
    assert len(PdfReader(pdf).pages) > 10
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="fr">' in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_section_titles_in_the_report_language(lang, demo_fr, demo_en, demo):
    pdf = demo_fr[1] if lang == "fr" else demo_en
    text = flat(pdf_text(pdf))
    questionnaire = demo.questionnaire
    for key in SECTION_KEYS:
        assert flat(tr(key, lang, "report")) in text, key
    for n, section in enumerate(("framing", "objectives", "starting_point", "value_destruction"), 1):
        title = tr("section.question", lang, "report", n=n, title=questionnaire.section(section).title.get(lang))
        assert flat(title) in text
    other = "en" if lang == "fr" else "fr"
    assert flat(tr("section.recommendations", other, "report")) not in text or lang == "fr"
    assert flat(tr("section.method", other, "report")) not in text
    # Level names and chart legends are translated too.
    assert flat(questionnaire.level(2).name.get(lang)) in text
    assert flat(tr("maturity.spread_legend", lang, "report")) in text


def test_organisation_and_every_role_appear(demo_fr, demo):
    text = flat(pdf_text(demo_fr[1]))
    workshop = demo.load()
    assert flat(workshop.organisation) in text
    for participant in workshop.participants:
        assert flat(role_label(participant.role, "fr")) in text
        assert flat(participant.name) in text


def test_pdf_is_tagged_with_title_author_and_language(demo_en, demo):
    reader = PdfReader(demo_en)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and "/MarkInfo" in root
    assert bool(root["/MarkInfo"].get("/Marked"))
    assert root["/Lang"] == "en"
    workshop = demo.load()
    assert reader.metadata.title.startswith(tr("doc.title", "en", "report"))
    assert workshop.organisation in reader.metadata.title
    assert reader.metadata.author == workshop.organisation


def test_anonymous_report_names_nobody(demo_anonymous, demo):
    pdf, html = demo_anonymous
    text = pdf_text(pdf)
    source = html.read_text(encoding="utf-8")
    workshop = demo.load()
    for participant in workshop.participants:
        for piece in [participant.name, *participant.name.split()]:
            if len(piece) > 2:
                assert piece not in text, piece
                assert piece.lower() not in source.lower(), piece
        assert participant.id not in source  # ids are slugs of names
    # Every role of the demo has fewer than min_group_size respondents: none is counted on its own.
    assert flat(tr("participants.all_roles", "fr", "report")) in flat(text)
    # The method appendix says what anonymity hides, with the threshold.
    assert flat(tr("method.anonymity_text", "fr", "report", k=workshop.min_group_size)) in flat(text)


# -- safety --------------------------------------------------------------------------------------

def test_hostile_text_is_printed_literally(hostile):
    _, pdf, html, _ = hostile
    text = flat(pdf_text(pdf))
    assert flat("<script>alert(1)</script>") in text
    assert flat('<img src="file:///etc/hostname">') in text
    assert flat("http://example.com/x.png") in text
    assert flat("Acme <i>SA</i>") in text
    assert flat("Alice <b>Martin</b>") in text
    source = html.read_text(encoding="utf-8")
    assert "<script>" not in source and '<img src="file:///etc' not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source


def test_nothing_outside_the_template_folder_is_fetched(hostile):
    _, pdf, _, spy = hostile
    assert spy.fetchers, "the report did not go through the restricted fetcher"
    assert spy.refused == []  # user text never became a URL to fetch
    hostname = Path("/etc/hostname")
    if hostname.is_file() and hostname.read_text().strip():
        assert hostname.read_text().strip() not in pdf_text(pdf)


def test_fetcher_refuses_everything_but_data_and_template_files(tmp_path):
    folders = render_module.TemplateFolders()
    refused: list[str] = []
    fetcher = render_module.make_url_fetcher(folders, refused)
    for url in ("file:///etc/hostname", "file:///etc/passwd", "http://example.com/x.png", "https://example.com/",
                "ftp://example.com/x", (folders.default / ".." / "pyproject.toml").as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(refused) == 6
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    assert b"<svg" in fetcher.fetch(folders.url("logo.svg")).read()
    outside = tmp_path / "secret.css"
    outside.write_text("secret")
    link = folders.default / "zz-link-for-test.css"
    try:  # a symlink inside the folder pointing out of it is refused too
        link.symlink_to(outside)
        with pytest.raises(ValueError):
            fetcher.fetch(link.as_uri())
    finally:
        link.unlink(missing_ok=True)


# -- custom templates ------------------------------------------------------------------------------

def test_custom_template_folder_overrides_the_cover_and_falls_back_for_the_rest(hostile, tmp_path, out):
    folder = hostile[0]
    custom = tmp_path / "brand"
    custom.mkdir()
    (custom / "cover.html.j2").write_text(
        '<section class="cover"><h1 class="cover-title">Cabinet Dupont Conseil</h1>'
        '<p class="cover-org">{{ cover.organisation }}</p>'
        '<img src="file:///etc/hostname" alt="x"><img src="http://example.com/x.png" alt="y">'
        '<img src="logo.svg" alt="logo"></section>',
        encoding="utf-8",
    )
    (custom / "theme.css").write_text(":root { --accent: #7a1f5c; }", encoding="utf-8")
    spy = FetchSpy()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(render_module, "make_url_fetcher", spy)
        html = out / "custom.html"
        pdf = make_report(folder, out / "custom.pdf", lang="en", template_dir=custom, html_path=html)
    text = flat(pdf_text(pdf))
    assert flat("Cabinet Dupont Conseil") in text
    assert flat(tr("doc.kicker", "en", "report")) not in text  # the default cover is gone …
    assert flat(tr("section.summary", "en", "report")) in text  # … the rest falls back
    assert flat(tr("section.method", "en", "report")) in text
    source = html.read_text(encoding="utf-8")
    assert (custom / "theme.css").resolve().as_uri() in source
    assert "file:///etc/hostname" in spy.refused and "http://example.com/x.png" in spy.refused
    assert not any("logo.svg" in url for url in spy.refused)


def test_missing_template_folder_is_bad_input(hostile, tmp_path, capsys):
    folder = hostile[0]
    code = cli_main(["report", str(folder.path), "-o", str(tmp_path / "x.pdf"), "--template-dir", str(tmp_path / "nope")])
    assert code == 2
    assert "template folder not found" in capsys.readouterr().err


# -- bad input -------------------------------------------------------------------------------------

def test_missing_workshop_exits_2(tmp_path, capsys):
    code = cli_main(["report", str(tmp_path / "nowhere"), "-o", str(tmp_path / "x.pdf")])
    assert code == 2
    assert "not a workshop folder" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_output_in_a_missing_folder_exits_2(hostile, tmp_path, capsys):
    code = cli_main(["report", str(hostile[0].path), "-o", str(tmp_path / "no" / "x.pdf")])
    assert code == 2
    assert "folder does not exist" in capsys.readouterr().err


# -- odd workshops -----------------------------------------------------------------------------------

def _valid_pdf(path: Path) -> PdfReader:
    reader = PdfReader(path)
    assert len(reader.pages) > 0
    assert path.read_bytes().startswith(b"%PDF-")
    return reader


def test_one_respondent(tmp_path, out):
    folder = build_workshop(tmp_path, [("Solène Vidal", "ceo")])
    reader = _valid_pdf(make_report(folder, out / "one.pdf"))
    text = flat(" ".join(p.extract_text() for p in reader.pages))
    assert flat(tr("alignment.not_enough", "fr", "report")) in text


def test_everything_dont_know(tmp_path, out):
    folder = build_workshop(tmp_path, [("Yann Morel", "sales"), ("Inès Caron", "hr")], dont_know_all={1})
    _valid_pdf(make_report(folder, out / "dk.pdf", lang="en"))


def test_nobody_answered_but_dont_know(tmp_path, out):
    folder = build_workshop(tmp_path, [("Yann Morel", "sales")], dont_know_all={0})
    _valid_pdf(make_report(folder, out / "dk-only.pdf", lang="fr"))


def test_sixty_respondents(tmp_path, out):
    people = [(f"Prénom{i} Nom{i}", ROLES[i % len(ROLES)]) for i in range(60)]
    folder = build_workshop(tmp_path, people, seed=60)
    reader = _valid_pdf(make_report(folder, out / "sixty.pdf", lang="en"))
    assert len(reader.pages) > 20


def test_anonymous_sixty_shows_role_groups_only(tmp_path):
    """With groups of at least five per role, role figures appear; no person does."""
    from cxalign.report import render_html

    people = [(f"Prénom{i} Nom{i}", ROLES[i % 4]) for i in range(24)]  # four roles of six
    folder = build_workshop(tmp_path, people, seed=3)
    html = render_html(folder, lang="en", anonymous=True)
    assert "Nom1" not in html and "prenom" not in html.lower()
    assert role_label(ROLES[0], "en") + " (6)" in html  # role × role heat map
    small = build_workshop(tmp_path / "small", people[:8], seed=3)  # two per role
    html_small = render_html(small, lang="en", anonymous=True)
    assert tr("alignment.hidden", "en", "report", k=5) in html_small.replace("&#39;", "'")
