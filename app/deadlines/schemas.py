from marshmallow import Schema, fields


class ClockSchema(Schema):
    rule = fields.String(attribute="clock.rule_code", required=True, metadata={"description": "期限规则代码"})
    name = fields.String(attribute="clock.rule.name", required=True)
    source = fields.String(attribute="clock.rule.source")
    state = fields.String(attribute="state.state", required=True,
                          metadata={"description": "running / paused / extended / overdue / stopped"})
    start_on = fields.Date(attribute="clock.start_on", required=True)
    due_on = fields.Date(attribute="state.due", required=True)
    remaining_workdays = fields.Integer(attribute="state.remaining_workdays", allow_none=True)
    unconfirmed_calendar = fields.Method("_unconfirmed", metadata={"description": "涉及尚未录入节假日安排的年份"})
    trace = fields.String(attribute="state.trace", required=True, metadata={"description": "中文计算过程"})

    def _unconfirmed(self, view) -> bool:
        return bool(view.state.unconfirmed_years)
