"""The query language, the word index and its posting lists, the tokenizers, and ranking."""
