"""Hardware behind small interfaces: card readers, receipt printers and QR codes.

Errors raised by this package all derive from :class:`devices.errors.DeviceError`.
"""
