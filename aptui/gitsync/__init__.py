"""Git as the school's audit trail and the team's sync.

Every git call goes through :mod:`aptui.gitsync.runner` (plain ``git``
subprocesses, logged for the TUI's command log); blobs of past revisions are
read through one ``git cat-file --batch`` process per task
(:mod:`aptui.gitsync.catfile`), so a long-running TUI never accumulates child
processes.

    runner      git subprocesses, French errors, the visible command log
    commit      commits in domain words (one edit, several edits, everything)
    snapshot    the school files of a revision (or of the working tree)
    semantic    what changed between two trees, in domain terms
    detect_*    the change detectors (files, groups, a new period built from the previous one)
    authors     who made each change of a range (the commits that made it)
    merges      a merge in the log: what it brought, counted, and what it decided
    history     per-commit summaries (aptui log) and a student's history
    merge3      the three-way merge of one school file (mergecomments: comments of both sides)
    markers     standard conflict markers around only the conflicting entries
    driver      one path merged: clean text, or markers and a conflict record
    stages      unmerged paths merged from the index stages (no driver; deleted against edited)
    conflicts   conflict records kept in .git/aptui-conflicts/ (applied only to unchanged files)
    decisions   the choices made on conflicts, recorded in the merge commit
    moves       a student moved to two different groups on both sides
    guard       the one rule of every commit and push: no new errors
    precommit   the pre-commit hook's check (the staged tree against its parents)
    pending     the app's pending edits (kept across restarts) and commits of their own lines
    appcommit   the app's guarded commits
    sync        the steps of a sync and its report
    integrate   fast-forward, merge or rebase, concluding what was left open
    recovery    a merge left open is checked before it is concluded
    transport   fetch and push
    failures    the real cause of a local failure (disk, permission, lock)
    launcher    how git runs aptui (survives a moved venv); repairing a clone's driver
    install     drivers, attributes and the pre-commit hook
    ci          CI files for GitLab and GitHub
    onboarding  aptui clone: identity, which teacher of staff.yaml (asked once)
    doctor      aptui doctor: is a clone ready, and what to fix
    textconv    git's textconv (a light entry point: git runs it once per blob)
"""
