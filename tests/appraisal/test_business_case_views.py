"""Business case pages: what they show, what a form does with bad input, the exports, the public
summary, and page queries that do not grow with the number of options."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.appraisal import services
from remit.appraisal.case_file import load_case
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import FundingLine
from remit.appraisal.models import Section
from remit.appraisal.workflow import SectionKind
from remit.core.models import Board
from remit.core.models import Region
from remit.core.models import Role

CASE_YAML = """\
base_year: 2025
options:
  - name: Business as usual
    counterfactual: true
    revenue: {2025: 100000, 2026: 100000}
  - name: Violence reduction unit
    capital: {2025: 50000}
    revenue: {2025: 80000, 2026: 90000}
    benefits:
      reduced harm: {2025: 60000, 2026: 300000}
"""


@pytest.fixture
def case(region: Region, officer: Any) -> BusinessCase:
    case = services.business_case_create(
        by=officer, region=region, data={"title": "Violence reduction", "summary": "Less harm."}
    )
    services.section_update(
        by=officer,
        section=Section.objects.get(business_case=case, kind=SectionKind.COMMERCIAL),
        data={"text": "Confidential procurement route."},
    )
    return case


def _appraised(case: BusinessCase, officer: Any, text: str = CASE_YAML) -> AppraisalRun:
    return services.appraisal_record(
        by=officer, case=case, inputs=load_case(text), source="yaml"
    ).run


def _many_options(count: int) -> str:
    lines = ["base_year: 2025", "options:"]
    for index in range(count):
        lines.append(f"  - name: Option {index}")
        if index == 0:
            lines.append("    counterfactual: true")
        lines.append(f"    revenue: {{2025: {1000 + index}, 2026: 1000, 2027: 1000}}")
        lines.append(f"    benefits: {{harm: {{2026: {2000 + index}}}, time: {{2027: 500}}}}")
    return "\n".join(lines) + "\n"


def _approve(case: BusinessCase, officer: Any) -> None:
    for section in Section.objects.filter(business_case=case):
        for target in ("drafting", "ready_for_review", "approved"):
            section.refresh_from_db()
            if section.status not in (target, "approved"):
                services.section_move(by=officer, section=section, target=target)
    services.approval_decision_record(
        by=officer,
        case=case,
        data={
            "board": Board.objects.get(slug="csp"),
            "outcome": "approved",
            "decided_on": date(2025, 3, 18),
        },
    )


def test_the_list_shows_drafts_to_officers_and_hides_them_from_partners(
    client: Any, case: BusinessCase, officer: Any, partner: Any
) -> None:
    client.force_login(officer)
    assert "Violence reduction" in client.get(reverse("appraisal:list")).content.decode()
    client.force_login(partner)
    page = client.get(reverse("appraisal:list")).content.decode()
    assert "Violence reduction" not in page
    assert client.get(reverse("appraisal:detail", args=[case.pk])).status_code == 404


def test_an_officer_starts_a_case_through_the_form(
    client: Any, region: Region, officer: Any
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("appraisal:create"),
        {"title": "Youth hubs", "summary": "", "stage": "outline", "owner": "", "proposal": ""},
    )
    case = BusinessCase.all_objects.get(title="Youth hubs")
    assert response.status_code == 302
    assert response["Location"] == f"/business-cases/{case.pk}/"
    assert case.sections.count() == 5


def test_a_case_can_start_from_a_proposal(client: Any, region: Region, officer: Any) -> None:
    from remit.core.models import GovernanceRoute
    from remit.core.models import Theme
    from remit.core.models import Workstream
    from remit.proposals.models import Deal
    from remit.proposals.models import Proposal

    route = GovernanceRoute.objects.create(
        region=region, slug="r", name="Route", final_board=Board.objects.get(slug="csp")
    )
    deal = Deal.objects.create(region=region, slug="deal", name="Deal", route=route)
    theme = Theme.objects.create(region=region, slug="t", name="Theme")
    workstream = Workstream.objects.create(theme=theme, slug="w", name="Safety")
    proposal = Proposal.all_objects.create(
        deal=deal,
        workstream=workstream,
        title="Violence reduction unit",
        summary="A regional unit.",
        ask_type="funding",
        form_of_devolution="single",
    )
    client.force_login(officer)
    page = client.get(reverse("appraisal:create") + f"?proposal={proposal.pk}").content.decode()
    assert 'value="Violence reduction unit"' in page
    assert f'<option value="{proposal.pk}" selected>' in page


def test_every_section_page_shows_its_status(client: Any, case: BusinessCase, officer: Any) -> None:
    _appraised(case, officer)
    client.force_login(officer)
    for kind in SectionKind.values:
        response = client.get(reverse("appraisal:section", args=[case.pk, kind]))
        assert response.status_code == 200, kind
        assert "Status:" in response.content.decode()


def test_the_economic_page_puts_chart_specs_in_json_blocks_only(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    _appraised(case, officer)
    client.force_login(officer)
    page = client.get(reverse("appraisal:section", args=[case.pk, "economic"])).content.decode()
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts, "the page loads its chart scripts"
    for attributes in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert 'id="case-costs-spec"' in page
    assert 'data-vega-spec="case-costs-spec"' in page
    assert "ui/build/vega/vega-embed" in page
    assert "ui/charts.js" in page
    assert "The chart&#x27;s figures" in page or "The chart's figures" in page


def _grid(name: str, **cells: str) -> dict[str, str]:
    data = {"name": name, "based_on": "0", "benefit_0_name": "", "benefit_1_name": ""}
    data.update(cells)
    return data


def test_the_grid_adds_an_option_and_the_appraisal_follows(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    case.base_year = 2025
    case.save()
    client.force_login(officer)
    url = reverse("appraisal:option_add", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        _grid(
            "Business as usual",
            counterfactual="on",
            revenue_2025="1,000",
            revenue_2026="£1,000.50",
            benefit_0_name="reduced harm",
            benefit_0_2026="400",
            benefit_0_deadweight="25",
        ),
    )
    assert response.status_code == 302
    run = AppraisalRun.objects.get(business_case=case)
    option = load_case(run.inputs_yaml).options[0]
    assert option.revenue == {2025: 1000, 2026: 1000.5}
    assert str(option.benefits[0].additionality.deadweight) == "0.25"
    assert run.result["options"][0]["pv_benefits"] != "0.00"


def test_a_grid_error_names_the_cell_and_changes_nothing(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    _appraised(case, officer)
    client.force_login(officer)
    response = client.post(
        reverse("appraisal:option_edit", args=[case.pk, 1]),
        _grid("Violence reduction unit", based_on="1", capital_2025="-5", revenue_2026="abc"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Capital 2025: cannot be negative" in page
    assert "Revenue 2026: enter an amount in pounds" in page
    assert 'href="#id_capital_2025"' in page
    assert AppraisalRun.objects.filter(business_case=case).count() == 1


def test_an_engine_error_lands_on_the_cell(client: Any, case: BusinessCase, officer: Any) -> None:
    _appraised(case, officer)
    client.force_login(officer)
    response = client.post(
        reverse("appraisal:option_edit", args=[case.pk, 1]),
        _grid("Violence reduction unit", based_on="1", counterfactual="on"),
    )
    page = response.content.decode()
    assert "a second counterfactual" in page
    assert 'href="#id_counterfactual"' in page
    assert AppraisalRun.objects.filter(business_case=case).count() == 1


def test_a_bad_upload_is_reported_with_its_path_and_changes_nothing(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer)
    bad = SimpleUploadedFile("case.yaml", CASE_YAML.replace("2026: 90000", "2026: -1").encode())
    response = client.post(reverse("appraisal:upload", args=[case.pk]), {"file": bad})
    page = response.content.decode()
    assert response.status_code == 200
    assert "case.yaml: options[1] (Violence reduction unit).revenue.2026" in page
    assert not AppraisalRun.objects.filter(business_case=case).exists()


def test_the_inputs_download_as_the_yaml_and_workbook_that_gave_the_result(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    from remit.appraisal.workbook import read_workbook

    run = _appraised(case, officer)
    client.force_login(officer)
    yaml_response = client.get(reverse("appraisal:inputs_download", args=[case.pk, "yaml"]))
    assert yaml_response.content.decode() == run.inputs_yaml
    xlsx = client.get(reverse("appraisal:inputs_download", args=[case.pk, "xlsx"]) + "?run=1")
    assert read_workbook(xlsx.content) == load_case(run.inputs_yaml)


def test_a_funding_line_in_pounds_is_kept_in_pence(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("appraisal:row_add", args=[case.pk, "funding"]),
        {"source": "Community safety fund", "year": "2025", "amount": "1,250,000.50"},
    )
    assert response.status_code == 302
    assert FundingLine.objects.get(business_case=case).amount_pence == 125_000_050


def test_approving_without_approved_sections_says_which_are_waiting(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    _appraised(case, officer)
    client.force_login(officer)
    response = client.post(
        reverse("appraisal:decision_record", args=[case.pk]),
        {
            "board": Board.objects.get(slug="csp").pk,
            "outcome": "approved",
            "decided_on": "2025-03-18",
        },
    )
    assert "Every section must be approved" in response.content.decode()


def test_a_board_member_may_comment_but_not_edit(
    client: Any, case: BusinessCase, make_user: Any
) -> None:
    client.force_login(make_user(Role.BOARD_MEMBER))
    url = reverse("appraisal:section", args=[case.pk, "economic"])
    response = client.post(url, {"text": "Show the sensitivity."})
    assert response.status_code == 302
    assert (
        client.get(reverse("appraisal:section_edit", args=[case.pk, "economic"])).status_code == 403
    )


def test_the_word_export_follows_the_five_case_model(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    from docx import Document

    _appraised(case, officer)
    client.force_login(officer)
    response = client.get(reverse("appraisal:export_docx", args=[case.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="violence-reduction.docx"'
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings[:5] == [
        "1. Strategic case",
        "2. Economic case",
        "3. Commercial case",
        "4. Financial case",
        "5. Management case",
    ]
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"PV costs", "NPSV", "Violence reduction unit", "Incremental BCR"} <= cells
    pictures = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert len(pictures) == 2, "both charts of the economic case are in"
    assert all(pictures), "each chart has its alternative text"


def test_the_pdf_export_has_the_summary_table_and_the_chart(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    from pypdf import PdfReader

    _appraised(case, officer)
    client.force_login(officer)
    response = client.get(reverse("appraisal:export_pdf", args=[case.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("2. Economic case", "Appraisal summary", "Incremental NPSV", "5. Management"):
        assert expected in text
    assert "£ (2025 prices)" in text, "the chart of discounted costs and benefits is drawn"


def test_control_characters_never_break_the_word_and_pdf_exports(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    from docx import Document
    from pypdf import PdfReader

    services.section_update(
        by=officer,
        section=Section.objects.get(business_case=case, kind=SectionKind.STRATEGIC),
        data={"text": "Pasted from Word:\x0bsecond line\x07\x1b ends here.", "objectives": ""},
    )
    _appraised(case, officer)
    client.force_login(officer)

    docx = client.get(reverse("appraisal:export_docx", args=[case.pk]))
    pdf = client.get(reverse("appraisal:export_pdf", args=[case.pk]))

    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Pasted from Word:\nsecond line ends here." in text
    assert pdf.status_code == 200
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "second line ends here." in pdf_text


def test_the_public_sees_the_approved_summary_without_the_commercial_case(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    assert client.get(reverse("appraisal_public:detail", args=[case.pk])).status_code == 404
    _appraised(case, officer)
    _approve(case, officer)
    listing = client.get(reverse("appraisal_public:list")).content.decode()
    assert "Violence reduction" in listing
    page = client.get(reverse("appraisal_public:detail", args=[case.pk])).content.decode()
    assert "Appraisal summary" in page
    assert "Violence reduction unit" in page
    assert "Confidential procurement route" not in page


@pytest.mark.parametrize("name", ["detail", "economic", "financial", "public"])
def test_page_queries_do_not_grow_with_the_options(
    client: Any, case: BusinessCase, officer: Any, name: str, page_queries: Any
) -> None:
    url = {
        "detail": reverse("appraisal:detail", args=[case.pk]),
        "economic": reverse("appraisal:section", args=[case.pk, "economic"]),
        "financial": reverse("appraisal:section", args=[case.pk, "financial"]),
        "public": reverse("appraisal_public:detail", args=[case.pk]),
    }[name]
    _appraised(case, officer, _many_options(3))
    _approve(case, officer)
    client.force_login(officer)
    small = page_queries(url)
    _appraised(case, officer, _many_options(30))
    services.row_save(
        by=officer,
        case=case,
        row=FundingLine(),
        data={"source": "Fund", "year": 2026, "amount_pence": 100},
    )
    _approve(case, officer)
    large = page_queries(url)
    assert large == small


def test_a_partner_finds_an_approved_case_through_its_published_summary(
    client: Any, case: BusinessCase, officer: Any, partner: Any
) -> None:
    _appraised(case, officer)
    _approve(case, officer)
    client.force_login(partner)
    page = client.get(reverse("appraisal:list")).content.decode()
    assert f'href="{reverse("appraisal_public:detail", args=[case.pk])}"' in page
    assert client.get(reverse("appraisal:detail", args=[case.pk])).status_code == 404


def test_the_section_page_refuses_a_save_read_before_someone_elses(
    client: Any, case: BusinessCase, officer: Any
) -> None:
    url = reverse("appraisal:section_edit", args=[case.pk, "commercial"])
    client.force_login(officer)
    read = client.get(url).context["form"]["version"].value()
    section = Section.objects.get(business_case=case, kind="commercial")
    services.section_update(by=officer, section=section, data={"text": "Theirs."})

    response = client.post(url, {"text": "Mine.", "version": read})

    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()
    section.refresh_from_db()
    assert section.text == "Theirs."
