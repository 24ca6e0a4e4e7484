"""`jobtui fetch`: the one part of jobtui that touches the network.

It downloads job boards (Greenhouse, Lever, Ashby), Hacker News "Who is hiring?" threads, feeds
and job pages into a folder under stable file names, keeps every response in a dated history,
and says what is new. Only this package imports httpx; the rest of jobtui reads files.
"""
