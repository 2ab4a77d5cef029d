import sys

if sys.argv[1:2] == ["textconv"]:  # git runs it once per blob: no parser, no other command imported
    from aptui.gitsync.textconv import main as textconv

    raise SystemExit(textconv(sys.argv[2:]))

from aptui.cli.main import main

raise SystemExit(main())
