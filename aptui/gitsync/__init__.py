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
    merge3      the three-way merge of one school file
    conflicts   conflict records kept in .git/aptui-conflicts/
    moves       a student moved to two different groups on both sides
    sync        fetch, merge or rebase, re-validate, push
    install     drivers, attributes and the pre-commit hook
    ci          CI files for GitLab and GitHub
    onboarding  aptui clone: identity, which teacher of staff.yaml (asked once)
    doctor      aptui doctor: is a clone ready, and what to fix
    textconv    git's textconv (a light entry point: git runs it once per blob)
"""
