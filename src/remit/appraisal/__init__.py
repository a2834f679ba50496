"""Economic appraisal of business cases to HM Treasury Green Book standard."""
