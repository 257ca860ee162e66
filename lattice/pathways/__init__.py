"""Career pathways: policy adoption, the accomplishment ledger, peer review and payroll."""
