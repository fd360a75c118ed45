"""Cases (案件): filed from accepted tickets, worked through the case_handling process."""
