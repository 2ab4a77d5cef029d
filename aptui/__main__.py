from aptui.cli.main import main

raise SystemExit(main())
