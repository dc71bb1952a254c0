"""The interface's screens (workshops, workshop, fill, review, help, dialogs; results and export)."""
