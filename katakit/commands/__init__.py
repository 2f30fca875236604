"""One module per command: ``register(subparsers)`` adds its parser, ``run(args)`` does it."""
