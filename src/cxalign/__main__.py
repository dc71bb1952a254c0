from cxalign.cli import main

raise SystemExit(main())
