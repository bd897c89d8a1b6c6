"""The Qt layer: windows, dialogs and Qt models. It calls core services, never SQL."""
