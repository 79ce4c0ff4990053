a b {}
b c 1e-3
c a -2.5
è ž
