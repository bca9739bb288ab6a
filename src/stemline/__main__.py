from stemline.cli import main

raise SystemExit(main())
