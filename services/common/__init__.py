"""Runtime shared by every service: settings, storage, events, auth, app factory."""
