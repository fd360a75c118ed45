"""Workers owed (欠薪工人名册): the workers of a case, what each is owed and has been paid, Excel import."""
