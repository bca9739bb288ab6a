"""engine/separation layer."""
