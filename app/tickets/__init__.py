"""Wage-arrears tickets (欠薪线索工单): registration and intake."""
