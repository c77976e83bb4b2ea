"""Finance service: grants, budgets, expenses, financial reports, disbursements."""
