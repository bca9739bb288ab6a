from stemline.cli import main

if __name__ == "__main__":  # (a spawned child imports this module too, and must not run it)
    raise SystemExit(main())
