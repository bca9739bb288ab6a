"""``stemline serve``: the cloud AudioExtract API (StartExecution / GetExecution) on this machine."""
