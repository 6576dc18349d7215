"""Thin click commands, one module per pipeline stage (see ``kg.cli.COMMANDS``)."""
