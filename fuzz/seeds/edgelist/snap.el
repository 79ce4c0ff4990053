# Directed graph (each unordered pair of nodes is saved once)
# FromNodeId	ToNodeId
0	1
0	2
1	2
2	0
