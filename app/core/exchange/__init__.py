"""Exchange between workstations (issue 19): configure, hand in, merge, keep, wipe.

- package_format: the file: a header, then ChaCha20-Poly1305 chunks (counter and final flag in the
  nonce) under a transfer passphrase (scrypt) or sealed to the receiver's X25519 key; frames inside
- package: rows in parts, long values as raw frames, the manifest and the sender's signature;
  `verify` walks the whole file before anything is used
- tables: which tables a hand-in carries and which rows of a team; records: a row as it travels
  (sealed fields opened) and its hash; row_writes: writing a received row here, and its scope
- identity: the workstation's exchange keys and its peers; register: the exchange register and the
  archive copies; steps: progress and cancel
- team_database / setup_package: the office builds a team workstation; the team installs it
- review / hand_in: what will leave, and the hand-in package
- acceptance / merge / conflicts / reindex: the office takes a hand-in in
- receipt: the office's receipt, which the team takes in; wipe: the team workstation destroyed,
  with its certificate (app.core.printing.wipe_certificate)
"""
