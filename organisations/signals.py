from django.dispatch import Signal

# Sent after load_reference_data, which deployments run on every release, with `progress` (a
# callable taking one line of progress text). Apps higher up set up their own data on it.
reference_data_loaded = Signal()
