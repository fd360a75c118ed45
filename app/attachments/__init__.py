"""Evidence and attachments (证据与附件) of a case: files kept with their hash; deletion only hides them."""
