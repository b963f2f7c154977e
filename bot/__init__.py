"""The Rasa server side of Familiennavi: NLU components, and (issue 4) the web widget's input channel."""
