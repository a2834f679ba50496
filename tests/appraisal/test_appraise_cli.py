import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from remit.appraisal.cli import appraise_app

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = ROOT / "examples/cases/violence-reduction.yaml"

runner = CliRunner()


def test_json_output_matches_the_worked_example_by_hand() -> None:
    # Counterfactual: PVC = 100,000 + 103,500/1.035 = 200,000; PVB = 20,700/1.035 = 20,000.
    # Violence reduction unit: capital 200,000 x 1.24 = 248,000 plus revenue
    #   50,000 + 155,250/1.035 = 200,000, so PVC = 448,000; PVB = 414,000 x 0.75 / 1.035
    #   = 300,000; NPSV = -148,000; BCR = 300/448 = 0.6696. Against the counterfactual:
    #   dPVC 248,000, dPVB 280,000, NPSV 32,000, BCR 280/248 = 1.1290,
    #   switching values 32/280 = 0.1143 and 32/248 = 0.1290.
    # Expanded programme (cash prices, deflator 103.5 in 2026): capital 300,000 with
    #   standard buildings upper bound 24% half mitigated = 12% -> 336,000; revenue
    #   214,245 / 1.035 (prices) / 1.035 (discounting) = 200,000, so PVC = 536,000;
    #   benefits 535,612.50 / 1.035 / 1.035 = 500,000 gross, x 0.9 x 0.8 = 360,000 net;
    #   NPSV = -176,000; BCR = 360/536 = 0.6716. Against the counterfactual: dPVC 336,000,
    #   dPVB 340,000, NPSV 4,000, BCR 340/336 = 1.0119, switching 4/340 = 0.0118 and
    #   4/336 = 0.0119.
    result = runner.invoke(appraise_app, [str(FIXTURES / "worked-example.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    options = json.loads(result.stdout)["options"]
    figures = [
        (option["name"], option["pv_costs"], option["pv_benefits"], option["npsv"], option["bcr"])
        for option in options
    ]
    assert figures == [
        ("Business as usual", "200000.00", "20000.00", "-180000.00", "0.1000"),
        ("Violence reduction unit", "448000.00", "300000.00", "-148000.00", "0.6696"),
        ("Expanded programme", "536000.00", "360000.00", "-176000.00", "0.6716"),
    ]
    assert options[0]["incremental"] is None
    assert options[1]["incremental"] == {
        "pv_costs": "248000.00",
        "pv_benefits": "280000.00",
        "npsv": "32000.00",
        "bcr": "1.1290",
        "switching_benefits": "0.1143",
        "switching_costs": "0.1290",
    }
    assert options[2]["incremental"] == {
        "pv_costs": "336000.00",
        "pv_benefits": "340000.00",
        "npsv": "4000.00",
        "bcr": "1.0119",
        "switching_benefits": "0.0118",
        "switching_costs": "0.0119",
    }
    expanded_2026 = options[2]["years"][1]
    assert expanded_2026 == {
        "year": 2026,
        "discount_factor": "0.966184",
        "capital": "0.00",
        "revenue": "207000.00",
        "costs": "207000.00",
        "gross_benefits": "517500.00",
        "benefits": "372600.00",
        "discounted_costs": "200000.00",
        "discounted_benefits": "360000.00",
    }
    assert options[2]["optimism_bias"]["capital"] == "0.1200"
    line = options[2]["benefit_lines"][0]
    assert (line["pv_gross"], line["pv_net"]) == ("500000.00", "360000.00")


def test_the_summary_table_names_every_option_and_measure() -> None:
    result = runner.invoke(appraise_app, [str(EXAMPLE)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for text in (
        "Appraisal summary",
        "Business as usual (counterfactual)",
        "Expanded programme",
        "NPSV",
        "BCR",
        "Incremental NPSV",
        "Costs may rise",
        "PV net",
    ):
        assert text in result.stdout


def test_a_year_before_base_year_exits_2_with_the_located_message() -> None:
    path = FIXTURES / "year-before-base.yaml"
    result = runner.invoke(appraise_app, [str(path), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"{path}: options[1] (Regional violence reduction unit).revenue.2024: "
        "year is before base_year 2025"
    )


def test_a_missing_deflator_exits_2_naming_the_year() -> None:
    path = FIXTURES / "missing-deflator.yaml"
    result = runner.invoke(appraise_app, [str(path)])
    assert result.exit_code == 2
    assert "options[1] (Regional violence reduction unit).revenue.2026: no deflator for 2026" in (
        result.stderr
    )


def test_invalid_yaml_exits_2_without_a_traceback() -> None:
    result = runner.invoke(appraise_app, [str(FIXTURES / "not-yaml.yaml")])
    assert result.exit_code == 2
    assert "not valid YAML at line" in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_file_exits_2() -> None:
    result = runner.invoke(appraise_app, [str(FIXTURES / "no-such-case.yaml")])
    assert result.exit_code == 2
    assert "cannot read the case file" in result.stderr


def test_the_module_runs_on_its_own() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "remit.appraisal.cli", str(EXAMPLE), "--json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr
    assert len(json.loads(completed.stdout)["options"]) == 3
