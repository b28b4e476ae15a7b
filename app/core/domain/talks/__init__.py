"""talks"""
