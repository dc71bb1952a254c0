"""Custom template folders: the sandbox, the loader's confinement to the template folders,
and the outline that keeps the table of contents and the sections together."""

from __future__ import annotations

import re

import pytest

from cxalign.cli import main
from cxalign.errors import InputError
from cxalign.report import render_html
from cxalign.report.outline import SECTIONS

from report_workshops import build_workshop


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def small(tmp_path):
    return build_workshop(tmp_path / "ws", [("Anna Blum", "ceo"), ("Marc Roy", "sales")])


def _secret(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE\n")
    return secret


def test_an_include_through_a_symlink_leaving_the_folder_is_refused(capsys, small, tmp_path):
    """Issue 9 item 9: x.txt -> a file outside, {% include "x.txt" %}: exit 2, nothing printed from it."""
    custom = tmp_path / "brand"
    custom.mkdir()
    (custom / "x.txt").symlink_to(_secret(tmp_path))
    (custom / "cover.html.j2").write_text('<section class="cover">{% include "x.txt" %}</section>')
    out, html = tmp_path / "r.pdf", tmp_path / "r.html"
    code, _, err = run(capsys, "report", small.path, "-o", out, "--html", html, "--template-dir", custom)
    assert code == 2, err
    assert f"cxalign: {custom / 'x.txt'}: " in err and "outside the template folder" in err
    assert "TOP-SECRET" not in err
    assert not out.exists() and not html.exists()


def test_etc_passwd_through_a_symlink_is_refused(small, tmp_path):
    custom = tmp_path / "brand"
    custom.mkdir()
    (custom / "x.txt").symlink_to("/etc/passwd")
    (custom / "cover.html.j2").write_text('{% include "x.txt" %}')
    with pytest.raises(InputError, match="outside the template folder") as caught:
        render_html(small, template_dir=custom)
    assert caught.value.file == str(custom / "x.txt")


def test_a_section_template_that_is_itself_a_symlink_outside_is_refused_not_replaced(small, tmp_path):
    custom = tmp_path / "brand"
    custom.mkdir()
    (custom / "summary.html.j2").symlink_to(_secret(tmp_path))
    with pytest.raises(InputError, match="outside the template folder"):
        render_html(small, template_dir=custom)


def test_a_symlink_inside_the_folder_is_read(small, tmp_path):
    custom = tmp_path / "brand"
    (custom / "parts").mkdir(parents=True)
    (custom / "parts" / "motto.txt").write_text("OUR-MOTTO")
    (custom / "motto.txt").symlink_to(custom / "parts" / "motto.txt")
    (custom / "cover.html.j2").write_text('<section class="cover">{% include "motto.txt" %}</section>')
    assert "OUR-MOTTO" in render_html(small, template_dir=custom)


def test_a_sandbox_error_names_the_custom_template_that_failed(capsys, small, tmp_path):
    custom = tmp_path / "brand"
    custom.mkdir()
    (custom / "cover.html.j2").write_text("<p>cover</p>\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    code, _, err = run(capsys, "report", small.path, "-o", tmp_path / "r.pdf", "--template-dir", custom)
    assert code == 2
    assert f"cxalign: {custom / 'cover.html.j2'}: template error at line 2" in err
    assert "report.html.j2" not in err


def test_any_error_in_a_custom_section_names_that_section(small, tmp_path):
    custom = tmp_path / "brand"
    custom.mkdir()
    (custom / "method.html.j2").write_text('<section id="method">\n\n{{ 1 / 0 }}</section>')
    with pytest.raises(InputError, match="at line 3: ZeroDivisionError") as caught:
        render_html(small, template_dir=custom)
    assert caught.value.file == str(custom / "method.html.j2")


def test_the_contents_and_the_sections_come_from_one_outline(small):
    html = render_html(small, lang="en")
    toc = re.findall(r'<li class="toc-(\d)"><a href="#([^"]+)">', html)
    body = html[html.index("</nav>"):]
    ids = re.findall(r'\bid="([^"]+)"', body)
    anchors = [a for _, a in toc]
    assert anchors and all(a in ids for a in anchors)
    # the chapters appear in the body in the order the table of contents lists them
    assert [a for a in ids if a in anchors] == anchors
    assert len({s.template for s in SECTIONS}) == len(SECTIONS)


def test_a_custom_section_that_drops_its_anchor_is_refused_by_name(capsys, small, tmp_path):
    """The table of contents cannot point at a section a custom template left without its id."""
    custom = tmp_path / "brand"
    custom.mkdir()
    (custom / "recommendations.html.j2").write_text("<section><h1>Nos recommandations</h1></section>")
    code, _, err = run(capsys, "report", small.path, "-o", tmp_path / "r.pdf", "--template-dir", custom)
    assert code == 2
    assert f"cxalign: {custom / 'recommendations.html.j2'}: the table of contents links to #recommendations" in err


def test_a_custom_section_keeping_its_anchor_is_accepted(small, tmp_path):
    custom = tmp_path / "brand"
    custom.mkdir()
    (custom / "recommendations.html.j2").write_text('<section id="recommendations"><h1>Nos recommandations</h1></section>')
    html = render_html(small, template_dir=custom)
    assert "Nos recommandations" in html and 'href="#recommendations"' in html
