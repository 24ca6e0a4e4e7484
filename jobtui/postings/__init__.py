"""Files in, `Posting` records out: the model, the loader and its cache, text repair, the tag
vocabulary, salaries, and field extraction. Imports nothing of the rest of jobtui."""
