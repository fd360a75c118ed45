"""Parties (当事人: 建设/总包/分包单位, 欠薪直接责任单位/责任人) and complainants (投诉人) of tickets and cases."""
