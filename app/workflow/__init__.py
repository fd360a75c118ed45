"""The one bridge between the engine and the database (流程实例与待办投影)."""
