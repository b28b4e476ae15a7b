"""The issue register GUI (issue 7): issues and working papers, leads, petitions, rectification, figures."""
