"""The demo workstation: demo accounts, realistic Chinese data from every area, sample files.

Only demo mode imports this package (`python -m app create-demo`, `python -m app --demo`, and the
unlock window of a demo database, which lists the demo accounts); the workstation's bundle leaves it
out (build/xuncha.spec), and those three places say so or carry on without it. `accounts.create_demo`
makes a demo; `registry` lists the populators, one per area, in order; `samples` makes small files of
every importable kind in memory (also used by the tests and the benchmarks).
"""
